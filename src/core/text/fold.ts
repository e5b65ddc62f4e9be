/**
 * Accent folding for the lexical index: "Definição" and "definicao" must meet, because
 * people type without accents on phones and in quick searches.
 */

const COMBINING_MARKS = /\p{M}+/gu;

/** Lower-cases and strips diacritics (NFD, then drops combining marks): "Ação" → "acao". */
export function fold(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '');
}
