import type { AsPlainObject, Options } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { LexicalIndex } from '../../../../src/core/index/lexical/lexical-index';
import { LexicalSearch } from '../../../../src/core/index/lexical/lexical-search';
import { decodeLexicalSnapshot, encodeLexicalSnapshot } from '../../../../src/core/index/lexical/lexical-snapshot';
import { CorruptDataError } from '../../../../src/core/index/storage/byte-reader';
import type { TimeSlicer } from '../../../../src/core/index/time-slicer';
import type { NoteRecord } from '../../../../src/core/index/types';

const note = (path: string, texts: string[]): NoteRecord => ({
  path,
  mtime: 1,
  size: 1,
  contentHash: path,
  meta: { title: path.replace(/\.md$/, ''), aliases: [], tags: [], links: [], warnings: [] },
  language: 'en',
  indexedAt: 0,
  processor: 'v1',
  chunks: texts.map((text, i) => ({ id: `${path}#${i}`, path, hash: `${path}${i}`, kind: 'section', headingTrail: ['Heading'], startLine: i, endLine: i, text, links: [], embeds: [], highlights: [], tokens: 10 })),
});

/** Notes with enough distinct words that the term list spans several 1 MB parts. */
function bigIndex(): { index: LexicalIndex; notes: NoteRecord[] } {
  const index = new LexicalIndex();
  const notes: NoteRecord[] = [];
  for (let n = 0; n < 400; n++) {
    const texts = Array.from({ length: 4 }, (_, c) => Array.from({ length: 60 }, (_, w) => `word${n}x${c}x${w} common shared`).join(' '));
    const record = note(`notes/${n}.md`, texts);
    notes.push(record);
    index.setNote(record);
  }
  return { index, notes };
}

const counting = (): TimeSlicer & { pauses: number } => {
  const slicer = { pauses: 0, pause: async () => void slicer.pauses++ };
  return slicer;
};

describe('lexical snapshot', () => {
  it('encodes in slices and parts, and decodes to an index that searches the same', async () => {
    const { index, notes } = bigIndex();
    const encodeSlicer = counting();
    const parts = await encodeLexicalSnapshot(index, encodeSlicer);
    expect(parts.length).toBeGreaterThan(3);
    expect(encodeSlicer.pauses).toBeGreaterThan(parts.length);
    for (const part of parts.slice(1)) expect(part.length).toBeLessThan(1.2 * (1 << 20));

    const decodeSlicer = counting();
    const loaded = await decodeLexicalSnapshot(parts, true, decodeSlicer);
    expect(decodeSlicer.pauses).toBeGreaterThan(parts.length);
    const unsliced = await decodeLexicalSnapshot(parts, false, decodeSlicer);
    // What MiniSearch's own round trip (toJSON → JSON → loadJS) gives: its radix tree may order
    // tied results differently from the index it was saved from, and sum scores in another order.
    const engine = (index as unknown as { engine: LexicalSearch<unknown> }).engine;
    const options = (engine as unknown as { _options: Options<unknown> })._options;
    const roundTrip = new LexicalIndex(
      LexicalSearch.loadJS(JSON.parse(JSON.stringify(engine.toJSON())) as AsPlainObject, options) as unknown as ConstructorParameters<typeof LexicalIndex>[0],
      new Map(index.entries()),
    );
    for (const query of ['common', 'word7x2x30', 'shared heading', 'word399x3x59 word0x0x0']) {
      const expected = roundTrip.search(query, 20);
      expect(expected.length).toBeGreaterThan(0);
      expect(loaded.search(query, 20)).toEqual(expected);
      expect(unsliced.search(query, 20)).toEqual(expected);
      // Same hits and scores as before saving, up to float rounding and the order of ties.
      const sorted = (hits: { chunkId: string; score: number }[]): [string, number][] => hits.map((h): [string, number] => [h.chunkId, +h.score.toPrecision(12)]).sort();
      const before = index.search(query, 400);
      expect(sorted(loaded.search(query, 400))).toEqual(sorted(before));
    }
    expect([...loaded.entries()]).toEqual([...index.entries()]);
    for (const record of notes.slice(0, 5)) expect(loaded.isCurrent(record)).toBe(true);
  });

  it('reports a damaged term part as CorruptDataError', async () => {
    const index = new LexicalIndex();
    index.setNote(note('a.md', ['alpha beta']));
    const [header] = await encodeLexicalSnapshot(index);
    const damaged = [header as Uint8Array, new TextEncoder().encode('[["alpha",null]]')];
    await expect(decodeLexicalSnapshot(damaged)).rejects.toBeInstanceOf(CorruptDataError);
    const notJson = [header as Uint8Array, new TextEncoder().encode('[["alpha",{"0":')];
    await expect(decodeLexicalSnapshot(notJson)).rejects.toBeInstanceOf(CorruptDataError);
  });
});
