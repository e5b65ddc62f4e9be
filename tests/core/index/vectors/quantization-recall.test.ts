/**
 * Measures what int8 storage costs in retrieval quality: recall@10 of the index's dense
 * search (int8 rows, int8 query scan, float re-rank) against exact float32 top-10, on real
 * GloVe embeddings of the Obsidian Help (English) chunks and on 100k synthetic 384-d
 * vectors. The numbers are printed for the report; the test fails if recall drops below 0.95.
 */
import { describe, expect, it } from 'vitest';
import { IndexState } from '../../../../src/core/index/index-state';
import { quantize } from '../../../../src/core/index/vectors/quantize';
import { denseSearch } from '../../../../src/core/search/dense';
import { TopK } from '../../../../src/core/search/top-k';
import type { NoteRecord } from '../../../../src/core/index/types';
import { blankLineProcessor } from '../../../helpers/blank-line-processor';
import { FolderSource } from '../../../helpers/folder-source';
import { GloveEmbedder } from '../../../helpers/glove-embedder';
import { sharedPath } from '../../../helpers/shared';

const K = 10;

function exactTopK(vectors: Float32Array[], query: Float32Array, k: number): Set<number> {
  const top = new TopK(k);
  vectors.forEach((v, i) => {
    let s = 0;
    for (let d = 0; d < v.length; d++) s += v[d]! * query[d]!;
    top.push(i, s);
  });
  return new Set(top.sorted().map(({ index }) => index));
}

/** Puts the vectors in an index (one chunk per vector, 10 per note) and returns chunk id → vector index. */
function buildState(vectors: Float32Array[], dims: number): IndexState {
  const state = new IndexState(dims);
  for (let n = 0; n * 10 < vectors.length; n++) {
    const path = `n${n}.md`;
    const ids = Array.from({ length: Math.min(10, vectors.length - n * 10) }, (_, j) => n * 10 + j);
    const note: NoteRecord = {
      path, mtime: 0, size: 0, contentHash: '', language: 'en', indexedAt: 0, processor: 't',
      meta: { title: path, aliases: [], tags: [], links: [], warnings: [] },
      chunks: ids.map((i) => ({ id: String(i), path, hash: String(i), kind: 'section', headingTrail: [], startLine: 0, endLine: 0, text: '', links: [], embeds: [], highlights: [], tokens: 0 })),
    };
    state.setNote(note, ids.map((i) => quantize(vectors[i]!)));
  }
  return state;
}

function recall(vectors: Float32Array[], queries: Float32Array[], dims: number): { indexSearch: number; int8ScanOnly: number } {
  const state = buildState(vectors, dims);
  let indexSearch = 0;
  let scanOnly = 0;
  for (const query of queries) {
    const truth = exactTopK(vectors, query, K);
    const hits = denseSearch(state, query, K, null);
    indexSearch += hits.filter((h) => truth.has(Number(h.entry.chunk.id))).length / K;
    // Without the float re-rank: the int8 × int8 scan alone.
    const scores = state.matrix!.scoreAll(quantize(query, state.matrix!.stride));
    const top = new TopK(K);
    scores.forEach((score, row) => top.push(row, score));
    scanOnly += top.sorted().filter(({ index }) => truth.has(Number(state.rowOwner(index).chunk.id))).length / K;
  }
  return { indexSearch: indexSearch / queries.length, int8ScanOnly: scanOnly / queries.length };
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

/** Box–Muller, both outputs used. */
function gaussians(random: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    const r = Math.sqrt(-2 * Math.log(random() || 1e-12));
    const theta = 2 * Math.PI * random();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
}

function unit(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n);
  return v.map((x) => x / n);
}

/** Measurements go to stdout for the report (vitest shows it). */
const report = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

describe('int8 recall against exact float32', () => {
  it('on GloVe embeddings of the Obsidian Help (English) chunks', async () => {
    const source = new FolderSource(sharedPath('vaults', 'obsidian-help-en'));
    const texts: string[] = [];
    const titles: string[] = [];
    for (const stat of await source.list()) {
      const { chunks, meta } = blankLineProcessor(stat.path, await source.read(stat.path)) as Awaited<ReturnType<typeof blankLineProcessor>>;
      texts.push(...chunks.map((c) => c.text));
      titles.push(meta.title);
    }
    const embedder = await GloveEmbedder.create('glove-en-100d');
    const vectors = await embedder.embed(texts, 'passage');
    const queries = await embedder.embed(titles, 'query');
    const result = recall(vectors, queries, 100);
    report(`GloVe help-en: ${vectors.length} chunks, ${queries.length} title queries: recall@10 index search ${result.indexSearch.toFixed(4)}, int8 scan only ${result.int8ScanOnly.toFixed(4)}`);
    expect(result.indexSearch).toBeGreaterThanOrEqual(0.95);
  });

  it('on 100k synthetic 384-d vectors (clustered, like real embeddings)', () => {
    const random = rng(7);
    const gaussian = gaussians(random);
    const dims = 384;
    const centres = Array.from({ length: 300 }, () => unit(Float32Array.from({ length: dims }, gaussian)));
    const vectors = Array.from({ length: 100_000 }, () => {
      const c = centres[Math.floor(random() * centres.length)]!;
      return unit(Float32Array.from({ length: dims }, (_, d) => c[d]! + 0.08 * gaussian()));
    });
    const queries = Array.from({ length: 40 }, () => {
      const base = vectors[Math.floor(random() * vectors.length)]!;
      return unit(Float32Array.from({ length: dims }, (_, d) => base[d]! + 0.03 * gaussian()));
    });
    const result = recall(vectors, queries, dims);
    report(`synthetic 100k×384: recall@10 index search ${result.indexSearch.toFixed(4)}, int8 scan only ${result.int8ScanOnly.toFixed(4)}`);
    report(`memory per vector: int8 ${dims + 4} B vs float32 ${dims * 4} B (${((dims * 4) / (dims + 4)).toFixed(2)}× smaller)`);
    expect(result.indexSearch).toBeGreaterThanOrEqual(0.95);
  }, 300_000);
});
