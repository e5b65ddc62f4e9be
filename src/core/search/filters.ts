/** Search filters compiled once per query into a per-note mask, so the dense scan does one array lookup per row. */
import type { ChunkEntry, IndexState } from '../index/index-state';
import type { SearchFilter } from './types';

export type ChunkPredicate = (entry: ChunkEntry) => boolean;

function folder(prefix: string): string {
  return prefix.replace(/\/+$/, '');
}

function inFolder(path: string, prefix: string): boolean {
  return prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
}

/** Null when the filter lets everything through. */
export function compileFilter(filter: SearchFilter | undefined, state: IndexState): ChunkPredicate | null {
  if (!filter) return null;
  const prefixes = filter.pathPrefixes?.map(folder);
  const excludedPrefixes = filter.excludePrefixes?.map(folder) ?? [];
  const only = filter.paths ? new Set(filter.paths) : null;
  const excluded = new Set(filter.excludePaths ?? []);
  const kinds = filter.kinds ? new Set(filter.kinds) : null;
  if (!prefixes && !only && excluded.size === 0 && excludedPrefixes.length === 0 && !kinds) return null;

  const mask = new Uint8Array(state.ordinalLimit);
  for (const note of state.notes()) {
    const path = note.path;
    const allowed =
      (!prefixes || prefixes.some((p) => inFolder(path, p))) &&
      (!only || only.has(path)) &&
      !excluded.has(path) &&
      !excludedPrefixes.some((p) => inFolder(path, p));
    const ordinal = state.ordinalOf(path);
    if (allowed && ordinal !== undefined) mask[ordinal] = 1;
  }
  return kinds
    ? (entry) => mask[entry.noteOrdinal] === 1 && kinds.has(entry.chunk.kind)
    : (entry) => mask[entry.noteOrdinal] === 1;
}
