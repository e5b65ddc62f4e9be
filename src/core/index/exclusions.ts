/** Which notes are never indexed: the user's patterns plus whatever the host excludes. */
import { compileGlob } from './glob';

export interface ExclusionOptions {
  /** Folder prefixes and globs, e.g. `Templates/`, `**\/*.excalidraw.md` (see glob.ts). */
  patterns?: readonly string[];
  /**
   * The host's own exclusions, e.g. Obsidian's "Excluded files" (`userIgnoreFilters`, via
   * `metadataCache.isUserIgnored`), supplied by the adapter.
   */
  isExcluded?: (path: string) => boolean;
}

export type ExclusionFilter = (path: string) => boolean;

export function createExclusionFilter(options: ExclusionOptions = {}): ExclusionFilter {
  const matchers = (options.patterns ?? []).filter((p) => p.trim() !== '').map(compileGlob);
  const host = options.isExcluded;
  return (path) => matchers.some((match) => match(path)) || (host ? host(path) : false);
}
