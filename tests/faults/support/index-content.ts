/**
 * What an index holds, in a form two indexes can be compared by (an incremental one against
 * a from-scratch rebuild, or a reloaded one), plus the structural invariants that rule out
 * ghosts: chunks, vector rows or lexical documents that belong to no live note.
 */
import type { Chunk } from '../../../src/core/chunking/types';
import type { Indexer } from '../../../src/core/index/indexer';
import { hash64 } from '../../../src/core/index/hash';
import type { IndexState } from '../../../src/core/index/index-state';
import type { NoteMeta } from '../../../src/core/index/types';

export interface NoteContent {
  path: string;
  contentHash: string;
  processor: string;
  language: string;
  meta: NoteMeta;
  chunks: Chunk[];
  /** Per chunk: [scale, ...int8 values], exactly as stored; null without a vector. */
  vectors: (number[] | null)[];
}

export interface IndexContent {
  notes: NoteContent[];
  chunkCount: number;
  vectorCount: number;
}

export function indexContent(state: IndexState): IndexContent {
  const notes = [...state.notes()]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((note) => ({
      path: note.path,
      contentHash: note.contentHash,
      processor: note.processor,
      language: note.language,
      meta: note.meta,
      chunks: note.chunks,
      vectors: state.noteVectors(note.path).map((v) => (v ? [v.scale, ...v.values.subarray(0, state.dims)] : null)),
    }));
  return { notes, chunkCount: state.chunkCount, vectorCount: state.vectorCount };
}

/** Lexical hits per probe query: chunk id → BM25 score (every hit, no cut-off). */
export function lexicalResults(state: IndexState, queries: readonly string[]): Record<string, Record<string, number>> {
  const lexical = state.lexical;
  if (!lexical) throw new Error('the lexical index is not loaded');
  const result: Record<string, Record<string, number>> = {};
  for (const query of queries) {
    const hits: Record<string, number> = {};
    for (const hit of lexical.search(query, 100_000)) hits[hit.chunkId] = hit.score;
    result[query] = hits;
  }
  return result;
}

/**
 * Differences between two lexical result sets: the same chunks must match, and scores may
 * differ only by floating-point noise (MiniSearch keeps running averages of field lengths,
 * which accumulate rounding differently after removals than after a fresh build).
 */
export function lexicalDifferences(actual: Record<string, Record<string, number>>, expected: Record<string, Record<string, number>>): string[] {
  const problems: string[] = [];
  for (const [query, want] of Object.entries(expected)) {
    const got = actual[query] ?? {};
    const missing = Object.keys(want).filter((id) => !(id in got));
    const extra = Object.keys(got).filter((id) => !(id in want));
    if (missing.length > 0) problems.push(`"${query}": missing hits ${missing.join(', ')}`);
    if (extra.length > 0) problems.push(`"${query}": extra hits ${extra.join(', ')}`);
    for (const [id, score] of Object.entries(want)) {
      const other = got[id];
      if (other !== undefined && Math.abs(other - score) > 1e-6 * Math.max(1, Math.abs(score))) {
        problems.push(`"${query}": ${id} scores ${other}, rebuild ${score}`);
      }
    }
  }
  return problems;
}

/** Structural invariants of a live index; returns what is broken (empty when sound). */
export function integrityProblems(state: IndexState): string[] {
  const problems: string[] = [];
  let chunks = 0;
  for (const note of state.notes()) {
    for (const chunk of note.chunks) {
      chunks++;
      const entry = state.chunk(chunk.id);
      if (!entry || entry.note !== note) problems.push(`chunk ${chunk.id} of ${note.path} is not registered to it`);
      if (chunk.path !== note.path) problems.push(`chunk ${chunk.id} says path ${chunk.path}, lives in ${note.path}`);
      if (state.matrix && (entry?.row ?? -1) < 0) problems.push(`chunk ${chunk.id} has no vector`);
    }
  }
  if (chunks !== state.chunkCount) problems.push(`${state.chunkCount} chunks registered, ${chunks} belong to notes (ghost chunks)`);
  for (let row = 0; row < state.vectorCount; row++) {
    const owner = state.rowOwner(row);
    if (!owner || owner.row !== row) problems.push(`vector row ${row} has no owner pointing back at it`);
    else if (state.chunk(owner.chunk.id) !== owner || state.note(owner.note.path) !== owner.note) {
      problems.push(`vector row ${row} belongs to ${owner.chunk.id}, which is no longer live (ghost vector)`);
    }
  }
  const lexical = state.lexical;
  if (lexical) {
    const entries = lexical.entries();
    for (const path of entries.keys()) if (!state.note(path)) problems.push(`lexical index still holds ${path} (ghost)`);
    for (const note of state.notes()) {
      const entry = entries.get(note.path);
      const ids = note.chunks.map((c) => c.id);
      if (!entry) problems.push(`lexical index lacks ${note.path}`);
      else if (JSON.stringify(entry.chunkIds) !== JSON.stringify(ids)) problems.push(`lexical index holds stale chunks for ${note.path}`);
    }
    if (lexical.documentCount !== state.chunkCount) problems.push(`lexical index has ${lexical.documentCount} documents for ${state.chunkCount} chunks`);
  }
  return problems;
}

export interface VaultFile {
  text: string;
  mtime: number;
}

/** Whether the index holds exactly the vault's notes, each at its latest content and stat. */
export function vaultDifferences(state: IndexState, vault: ReadonlyMap<string, VaultFile>): string[] {
  const problems: string[] = [];
  for (const note of state.notes()) if (!vault.has(note.path)) problems.push(`${note.path} is indexed but not in the vault (ghost)`);
  for (const [path, file] of vault) {
    const note = state.note(path);
    if (!note) {
      problems.push(`${path} is in the vault but not indexed (lost)`);
      continue;
    }
    if (note.contentHash !== hash64(file.text)) problems.push(`${path} is indexed with stale content`);
    if (note.mtime !== file.mtime) problems.push(`${path} is indexed with mtime ${note.mtime}, the file has ${file.mtime}`);
  }
  return problems;
}

/** Drains an indexer's events and work, then reports its content and lexical probes. */
export async function settledContent(indexer: Indexer, queries: readonly string[]): Promise<{ content: IndexContent; lexical: Record<string, Record<string, number>> }> {
  await indexer.lexicalReady;
  return { content: indexContent(indexer.state), lexical: lexicalResults(indexer.state, queries) };
}
