import { describe, expect, it } from 'vitest';
import { fuseRrf, fuseWeighted, RRF_K } from '../../../src/core/search/fusion';
import { aggregateByNote, NOTE_BONUS } from '../../../src/core/search/aggregate';
import type { Passage } from '../../../src/core/retrieval/types';

describe('fusion', () => {
  it('RRF sums 1/(k+rank) over the lists', () => {
    const fused = fuseRrf([
      [{ id: 'a', score: 0.9 }, { id: 'b', score: 0.5 }],
      [{ id: 'b', score: 12 }, { id: 'c', score: 3 }],
    ]);
    expect(fused.get('a')).toBeCloseTo(1 / (RRF_K + 1));
    expect(fused.get('b')).toBeCloseTo(1 / (RRF_K + 2) + 1 / (RRF_K + 1));
    expect(fused.get('c')).toBeCloseTo(1 / (RRF_K + 2));
  });

  it('weighted fusion min-max normalises each list', () => {
    const fused = fuseWeighted(
      [{ id: 'a', score: 0.9 }, { id: 'b', score: 0.5 }],
      [{ id: 'b', score: 12 }, { id: 'c', score: 2 }],
      0.5,
    );
    expect(fused.get('a')).toBeCloseTo(0.5);
    expect(fused.get('b')).toBeCloseTo(0.5);
    expect(fused.get('c')).toBeCloseTo(0);
  });
});

describe('aggregateByNote', () => {
  const passage = (path: string, score: number): Passage => ({
    chunkId: `${path}#${score}`, path, title: path, headingTrail: [], startLine: 0, endLine: 0, kind: 'section', text: '', score, highlights: [], links: [],
  });

  it('scores a note by its best passage plus a small bonus, so a long note does not win on size', () => {
    const long = Array.from({ length: 20 }, (_, i) => passage('long.md', 0.7 - i * 0.001));
    const focused = [passage('focused.md', 0.8)];
    const hits = aggregateByNote([...focused, ...long].sort((a, b) => b.score - a.score), 5);
    expect(hits.map((h) => h.path)).toEqual(['focused.md', 'long.md']);
    expect(hits[1]!.score).toBeCloseTo(0.7 + NOTE_BONUS * (0.699 / 2 + 0.698 / 3));
    expect(hits[1]!.passages).toHaveLength(3);
  });

  it('lets a note with several good passages beat one with a single slightly better one', () => {
    const hits = aggregateByNote([passage('one.md', 0.80), passage('many.md', 0.79), passage('many.md', 0.78), passage('many.md', 0.77)], 5);
    expect(hits[0]!.path).toBe('many.md');
  });
});
