/** Reads a short question: its language, what kind of answer it wants, and the concept it is about. */
import type { Lang, QuestionAnalysis, QuestionKind } from './types';
import { fold, foldedTokens, isContentToken, words } from './text';

export interface AnalyzeOptions {
  /** Language assumed when the question gives no clue (e.g. just "RAG?"); the UI passes the app's language. */
  defaultLang?: Lang;
}

/**
 * Patterns are matched against the folded question (lower-case, no accents) and capture the concept.
 * Order matters: the first match wins, so narrower forms come before broader ones.
 */
const PATTERNS: { kind: QuestionKind; pattern: RegExp }[] = [
  // Comparisons are not definitions even though they start with "what is".
  { kind: 'other', pattern: /^(?:o\s+)?que\s+(?:e|sao)\s+(?:a|as)\s+diferencas?\s+/d },
  { kind: 'other', pattern: /^what(?:\s+is|'s|\s+are)\s+the\s+differences?\s+/d },
  { kind: 'other', pattern: /^qual\s+(?:e\s+)?a\s+diferenca\s+/d },

  { kind: 'definition', pattern: /^(?:o\s+)?que\s+(?:significa|significam|quer\s+dizer|querem\s+dizer)\s+(.+)$/d },
  { kind: 'definition', pattern: /^(?:o\s+)?que\s+(?:e|sao|seria|seriam|vem\s+a\s+ser)\s+(.+)$/d },
  { kind: 'definition', pattern: /^(?:qual\s+(?:e\s+)?(?:a\s+)?)?defini[cç](?:ao|oes)\s+(?:de|do|da|dos|das)\s+(.+)$/d },
  { kind: 'definition', pattern: /^(?:qual\s+(?:e\s+)?(?:o\s+)?)?significado\s+(?:de|do|da|dos|das)\s+(.+)$/d },
  { kind: 'definition', pattern: /^(?:defina|definir|conceitue|conceito\s+de)\s+(.+)$/d },
  { kind: 'definition', pattern: /^what\s+does\s+(.+?)\s+(?:mean|stand\s+for)$/d },
  { kind: 'definition', pattern: /^what\s+is\s+meant\s+by\s+(.+)$/d },
  { kind: 'definition', pattern: /^what(?:\s+is|'s|\s+are|\s+was|\s+were)\s+(.+)$/d },
  { kind: 'definition', pattern: /^(?:define|definition\s+of|meaning\s+of|the\s+meaning\s+of)\s+(.+)$/d },
  { kind: 'definition', pattern: /^who\s+(?:is|was|are)\s+(.+)$/d },
  { kind: 'definition', pattern: /^quem\s+(?:e|foi|sao)\s+(.+)$/d },

  { kind: 'explanation', pattern: /^(?:explique|explica|explicar|me\s+explique|descreva|fale\s+sobre)\s+(?:(?:como|o\s+que|por\s+que)\s+)?(.+)$/d },
  { kind: 'explanation', pattern: /^(?:explain|describe|tell\s+me\s+about)\s+(?:(?:how|what|why)\s+)?(.+)$/d },
  { kind: 'explanation', pattern: /^como\s+(?:funciona|funcionam|opera|operam)\s+(.+)$/d },
  { kind: 'explanation', pattern: /^how\s+(?:does|do|did)\s+(.+?)\s+work$/d },
  { kind: 'explanation', pattern: /^(?:por\s*que|porque)\s+(.+)$/d },
  { kind: 'explanation', pattern: /^why\s+(.+)$/d },
  { kind: 'explanation', pattern: /^para\s+que\s+(?:serve|servem)\s+(.+)$/d },
  { kind: 'explanation', pattern: /^what\s+(?:is|are)\s+(.+?)\s+(?:used|good)\s+for$/d },

  { kind: 'howto', pattern: /^como\s+(?:eu\s+)?(?:faco|fazer|posso|devo|se\s+faz|criar|crio|usar|uso|configurar|configuro|implementar|implemento|treinar|treino|instalar|instalo|calcular|calculo|melhorar|melhoro)\b\s*(.*)$/d },
  { kind: 'howto', pattern: /^(?:how\s+(?:do|can|should|would)\s+(?:i|you|we|one)|how\s+to)\s+(.+)$/d },
  { kind: 'howto', pattern: /^(?:passo\s+a\s+passo|steps?\s+to)\s+(?:para\s+|de\s+)?(.+)$/d },
];

/** Leading articles dropped from a concept ("o RAG" → "RAG", "a transformer" → "transformer"). */
const LEADING_ARTICLE = /^(?:o|a|os|as|um|uma|uns|umas|the|an)\s+/i;

/** Words that are clearly Portuguese or clearly English in short questions (ambiguous ones such as "a", "no" left out). */
const PT_MARKERS = new Set(['o', 'que', 'e', 'sao', 'de', 'da', 'um', 'uma', 'para', 'como', 'nao', 'em', 'na', 'os', 'por', 'qual', 'quais', 'isso', 'se', 'com', 'mais', 'ou', 'ao', 'dos', 'das', 'pelo', 'pela', 'defina', 'explique', 'significa', 'funciona', 'porque', 'quando', 'onde', 'quem', 'sobre', 'entre', 'diferenca', 'nas', 'nos', 'seu', 'sua', 'meu', 'minha', 'definicao', 'serve']);
const EN_MARKERS = new Set(['the', 'is', 'are', 'what', 'how', 'does', 'of', 'to', 'in', 'and', 'an', 'for', 'with', 'why', 'which', 'can', 'explain', 'define', 'this', 'that', 'mean', 'means', 'who', 'when', 'where', 'work', 'difference', 'between', 'it', 'my', 'should', 'use', 'about', 'definition']);

export function detectLanguage(question: string, defaultLang: Lang = 'en'): Lang {
  let pt = 0;
  let en = 0;
  // Accented letters and ç/ã/õ are strong Portuguese evidence; English questions rarely have them.
  if (/[ãõçâêôáéíóúà]/i.test(question)) pt += 2;
  for (const token of foldedTokens(question)) {
    if (PT_MARKERS.has(token)) pt++;
    if (EN_MARKERS.has(token)) en++;
  }
  if (pt === en) return defaultLang;
  return pt > en ? 'pt' : 'en';
}

export function analyzeQuestion(question: string, options: AnalyzeOptions = {}): QuestionAnalysis {
  const lang = detectLanguage(question, options.defaultLang);
  const cleaned = stripQuestionPunctuation(question);
  const terms = contentTerms(cleaned);
  // fold() maps each precomposed accented letter to one letter and leaves spaces alone, so word
  // positions in the folded text are word positions in the original.
  const folded = fold(cleaned);
  for (const { kind, pattern } of PATTERNS) {
    const match = pattern.exec(folded);
    if (!match) continue;
    const span = match.indices?.[1];
    const concept = span ? conceptAt(cleaned, folded, span) : undefined;
    return concept ? { text: question, lang, kind, concept, terms } : { text: question, lang, kind, terms };
  }
  return { text: question, lang, kind: 'other', terms };
}

/** Content words of the question, as written but lower-cased, accents kept. */
function contentTerms(question: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const word of words(question)) {
    const lower = word.toLowerCase();
    const key = fold(lower);
    if (seen.has(key)) continue;
    const pieces = key.split(/[-'’]/).filter(Boolean);
    if (!pieces.some(isContentToken)) continue;
    seen.add(key);
    out.push(lower);
  }
  return out;
}

/** Collapses spaces and drops emphasis markers and the surrounding question punctuation. */
function stripQuestionPunctuation(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[*`]+/g, '')
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/^[\s¿¡"'“”‘’«»]+/, '')
    .replace(/[\s?!.:;"'“”‘’«»]+$/, '');
}

/** The concept as written in the original, from the captured span of the folded text. */
function conceptAt(original: string, folded: string, [start, end]: [number, number]): string | undefined {
  const firstWord = countWords(folded.slice(0, start));
  const wordCount = countWords(folded.slice(start, end));
  const concept = original
    .split(' ')
    .slice(firstWord, firstWord + wordCount)
    .join(' ')
    .replace(/^[\s"'“”‘’«»[\]()]+|[\s"'“”‘’«»[\]?!.:;,]+$/g, '')
    .replace(LEADING_ARTICLE, '')
    .replace(/^[\s"'“”‘’«»[\]]+/, '')
    .trim();
  return concept.length > 0 ? concept : undefined;
}

function countWords(text: string): number {
  return text.split(' ').filter(Boolean).length;
}
