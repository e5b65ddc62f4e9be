import type { TokenCounter } from './token-estimate';

/**
 * Splits text that is over the token budget into pieces under it, preferring the
 * biggest natural boundary available: lines, then sentences, then word windows.
 */
export function splitToBudget(text: string, budget: number, count: TokenCounter): string[] {
  if (count(text) <= budget) return [text];
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length > 1) return packPieces(lines.flatMap((l) => splitToBudget(l, budget, count)), '\n', budget, count);
  const sentences = text.match(/[^.!?…]+(?:[.!?…]+["')\]]*\s*|$)/g)?.map((s) => s.trim()).filter(Boolean) ?? [text];
  if (sentences.length > 1) return packPieces(sentences.flatMap((s) => splitToBudget(s, budget, count)), ' ', budget, count);
  return splitWords(text, budget, count);
}

/** Greedily joins consecutive pieces while the result stays within the budget. */
export function packPieces(pieces: string[], separator: string, budget: number, count: TokenCounter): string[] {
  const out: string[] = [];
  let current = '';
  for (const piece of pieces) {
    const candidate = current === '' ? piece : current + separator + piece;
    if (current !== '' && count(candidate) > budget) {
      out.push(current);
      current = piece;
    } else current = candidate;
  }
  if (current !== '') out.push(current);
  return out;
}

function splitWords(text: string, budget: number, count: TokenCounter): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let current: string[] = [];
  for (const word of words) {
    current.push(word);
    if (count(current.join(' ')) > budget) {
      if (current.length === 1) {
        // A single "word" over budget (a URL, base64, a run of symbols): cut it by characters.
        out.push(...splitChars(word, budget, count));
        current = [];
      } else {
        current.pop();
        out.push(current.join(' '));
        current = [word];
      }
    }
  }
  if (current.length > 0) out.push(current.join(' '));
  return out;
}

function splitChars(word: string, budget: number, count: TokenCounter): string[] {
  const out: string[] = [];
  let size = Math.max(1, Math.min(word.length, budget * 4));
  let start = 0;
  while (start < word.length) {
    let piece = word.slice(start, start + size);
    while (piece.length > 1 && count(piece) > budget) {
      size = Math.max(1, Math.floor(size / 2));
      piece = word.slice(start, start + size);
    }
    out.push(piece);
    start += piece.length;
  }
  return out;
}
