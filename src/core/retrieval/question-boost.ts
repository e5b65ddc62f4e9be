/**
 * Which notes a question is about, by name: the concept of "o que é X?" / "what is X?" / "defina
 * X", the two sides of "qual a diferença entre X e Y?", and note names the question mentions.
 * Names are a note's title and aliases, compared accent- and case-folded, without leading
 * articles, a plural `s` tolerated, and a parenthetical title answering to either half
 * ("Transfer Learning (aprendizado por transferência)").
 */
import { nameVariants } from '../answer/relevance';
import { fold, foldedTokens, phraseKey } from '../answer/text';
import type { QuestionAnalysis } from '../answer/types';

export interface NamedNote {
  path: string;
  /** 1 when a name equals the phrase; less when a name only starts it ("janela de contexto" in "janela de contexto de um LLM"). */
  strength: number;
  /** The note name that matched, as written. */
  name: string;
}

interface NamedEntry {
  path: string;
  name: string;
}

/** Leading articles are not part of a name: "o Canvas" is "Canvas". */
const ARTICLE = /^(?:o|a|os|as|um|uma|uns|umas|the|an|a)\s+/;

/** Words after which the rest of a phrase only qualifies the name ("propriedades DE uma nota"). */
const QUALIFIERS = new Set(['de', 'do', 'da', 'dos', 'das', 'em', 'no', 'na', 'nos', 'nas', 'of', 'in', 'on', 'for', 'para', 'no', 'com', 'with']);

/** A one-word name this short or a stopword-like name would match too much in free text. */
const MIN_MENTION_LETTERS = 3;

/** Strength of a name that starts the phrase and is followed by a qualifier. */
const PREFIX_STRENGTH = 0.8;

export function nameKey(name: string): string {
  return phraseKey(fold(name).replace(ARTICLE, ''));
}

/** Title and alias lookup for every indexed note, built once per index revision. */
export class NoteNames {
  private readonly byKey = new Map<string, NamedEntry[]>();
  /** Longest name in words, to bound the n-grams tried when looking for mentions. */
  private longest = 1;

  constructor(notes: Iterable<{ path: string; meta: { title: string; aliases: readonly string[] } }>) {
    for (const note of notes) {
      const seen = new Set<string>();
      for (const name of [note.meta.title, ...note.meta.aliases].flatMap(nameVariants)) {
        const key = nameKey(name);
        if (!key || seen.has(key)) continue;
        seen.add(key);
        const list = this.byKey.get(key);
        const entry = { path: note.path, name: name.trim() };
        if (list) list.push(entry);
        else this.byKey.set(key, [entry]);
        this.longest = Math.max(this.longest, key.split(' ').length);
      }
    }
  }

  /**
   * Notes a phrase names: every note with a name equal to it (strength 1) or, failing that,
   * with a name that starts it and is followed by a qualifier (strength 0.8), longest name first.
   */
  match(phrase: string): NamedNote[] {
    const key = nameKey(phrase);
    if (!key) return [];
    const exact = this.byKey.get(key);
    if (exact) return unique(exact.map((e) => ({ path: e.path, name: e.name, strength: 1 })));
    const words = key.split(' ');
    for (let n = Math.min(words.length - 1, this.longest); n >= 1; n--) {
      if (!QUALIFIERS.has(words[n] as string)) continue;
      const hit = this.byKey.get(words.slice(0, n).join(' '));
      if (hit) return unique(hit.map((e) => ({ path: e.path, name: e.name, strength: PREFIX_STRENGTH })));
    }
    return [];
  }

  /** Notes whose full name appears word for word in the text (longest names first, no overlaps). */
  mentionedIn(text: string): NamedNote[] {
    const words = phraseKey(text).split(' ').filter(Boolean);
    const found: NamedNote[] = [];
    const taken = new Array<boolean>(words.length).fill(false);
    for (let n = Math.min(this.longest, words.length); n >= 1; n--) {
      for (let i = 0; i + n <= words.length; i++) {
        if (taken.slice(i, i + n).some(Boolean)) continue;
        const key = words.slice(i, i + n).join(' ');
        if (n === 1 && key.length < MIN_MENTION_LETTERS) continue;
        const hit = this.byKey.get(key);
        if (!hit) continue;
        for (let j = i; j < i + n; j++) taken[j] = true;
        for (const e of hit) found.push({ path: e.path, name: e.name, strength: 1 });
      }
    }
    return unique(found);
  }
}

function unique(list: NamedNote[]): NamedNote[] {
  const byPath = new Map<string, NamedNote>();
  for (const item of list) {
    const previous = byPath.get(item.path);
    if (!previous || item.strength > previous.strength) byPath.set(item.path, item);
  }
  return [...byPath.values()];
}

/** "diferença entre X e Y", "difference between X and Y", "X vs Y", "compare X e Y". */
const COMPARISON = [
  /\b(?:diferencas?|comparacao|distincao)\s+(?:entre\s+)?(?:o\s+|a\s+|os\s+|as\s+)?(.+?)\s+(?:e|x|vs\.?|versus)\s+(?:o\s+|a\s+|os\s+|as\s+)?(.+)$/,
  /\b(?:differences?|comparison|distinction)\s+(?:between\s+)?(?:the\s+|an?\s+)?(.+?)\s+(?:and|vs\.?|versus)\s+(?:the\s+|an?\s+)?(.+)$/,
  /^(?:compare|comparar|compara)\s+(.+?)\s+(?:e|and|com|with|x|vs\.?|versus)\s+(.+)$/,
  /^(.+?)\s+(?:vs\.?|versus|x)\s+(.+)$/,
];

/** The phrases whose notes a question asks about: its concept, or each side of a comparison. */
export function askedNames(analysis: QuestionAnalysis): string[] {
  const folded = fold(analysis.text).replace(/[?!.:;"“”«»]+/g, ' ').replace(/\s+/g, ' ').trim();
  for (const pattern of COMPARISON) {
    const match = pattern.exec(folded);
    if (match?.[1] && match[2]) return [match[1], match[2]].map((s) => s.trim()).filter((s) => foldedTokens(s).length > 0);
  }
  if ((analysis.kind === 'definition' || analysis.kind === 'explanation') && analysis.concept) return [analysis.concept];
  return [];
}
