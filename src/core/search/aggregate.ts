/**
 * Passages → notes. A note scores as its best passage plus a small, capped bonus for its
 * next best ones: a note that matches in several places is a little more likely to be the
 * one, but a long note must not win on size alone (it has many chances to match somewhere).
 */
import type { Passage } from '../retrieval/types';
import type { NoteHit } from './types';

/** Bonus weight of further passages; their scores are also damped by rank (1/2, 1/3). */
export const NOTE_BONUS = 0.1;
/** Passages beyond the best that can add to the bonus. */
const BONUS_PASSAGES = 2;
/** Passages kept on each note hit. */
const PASSAGES_PER_NOTE = 3;

/** `passages` must be sorted best first; the result is sorted best first. */
export function aggregateByNote(passages: readonly Passage[], limit: number, bonus = NOTE_BONUS): NoteHit[] {
  const byNote = new Map<string, Passage[]>();
  for (const passage of passages) {
    const list = byNote.get(passage.path);
    if (list) list.push(passage);
    else byNote.set(passage.path, [passage]);
  }
  const hits: NoteHit[] = [];
  for (const [path, list] of byNote) {
    const best = list[0] as Passage;
    let score = best.score;
    for (let i = 1; i <= BONUS_PASSAGES && i < list.length; i++) {
      score += (bonus * Math.max(0, (list[i] as Passage).score)) / (i + 1);
    }
    const hit: NoteHit = { path, title: best.title, score, passages: list.slice(0, PASSAGES_PER_NOTE) };
    const dense = maxOf(list, (p) => p.dense);
    const lexical = maxOf(list, (p) => p.lexical);
    if (dense !== undefined) hit.dense = dense;
    if (lexical !== undefined) hit.lexical = lexical;
    hits.push(hit);
  }
  return hits.sort((a, b) => b.score - a.score || a.path.localeCompare(b.path)).slice(0, limit);
}

function maxOf(list: Passage[], pick: (p: Passage) => number | undefined): number | undefined {
  let best: number | undefined;
  for (const p of list) {
    const value = pick(p);
    if (value !== undefined && (best === undefined || value > best)) best = value;
  }
  return best;
}
