/**
 * Built by scripts/bench/run.mjs: re-exports the related-notes code when it exists in the
 * repository, `undefined` otherwise (row 6 then says it was skipped).
 */
declare module 'bench:related' {
  import type { NotesEngine } from '../../src/core/engine/notes-engine';

  export const relatedNotes: undefined | ((engine: NotesEngine, path: string, options?: Record<string, unknown>) => Promise<unknown[]>);
  /** Optional helper from the related-notes feature: times refreshes of the related view over `paths`. */
  export const benchRelatedRefresh: undefined | ((engine: NotesEngine, paths: string[]) => Promise<unknown>);
}
