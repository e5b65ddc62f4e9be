/**
 * What the related view shows for a note, decided from the engine alone (no DOM): the list,
 * or the one state that explains why there is none and what fixes it.
 */
import type { EngineSnapshot, NotesEngine } from '../../core/engine';
import type { IndexProgress } from '../../core/index/types';
import { relatedBasisOf, relatedNotes } from '../../core/retrieval/related';
import type { RelatedBasis, RelatedResult } from '../../core/retrieval/related-types';

export type RelatedViewState =
  | { kind: 'engine-error'; message: string }
  | { kind: 'loading-index' }
  | { kind: 'no-note' }
  | { kind: 'excluded'; path: string; detail: string }
  | { kind: 'indexing'; path: string; progress: IndexProgress | null }
  | { kind: 'not-indexed'; path: string; detail: string }
  | { kind: 'empty-note'; path: string }
  | { kind: 'results'; path: string; basis: RelatedBasis; results: RelatedResult[]; model: ModelNotice | null };

/** Why related notes are by keywords, or what the model is doing now. */
export interface ModelNotice {
  kind: 'no-model' | 'model-loading' | 'not-embedded';
  message: string;
  percent?: number;
}

export interface StateRequest {
  /** The active Markdown note, or null. */
  path: string | null;
  limit: number;
  includeLinked: boolean;
  /** Lets the UI thread breathe between the ranking's steps (see RelatedOptions). */
  yieldBetweenSteps?: () => Promise<void>;
}

export async function relatedViewState(engine: NotesEngine, request: StateRequest): Promise<RelatedViewState> {
  const snapshot = engine.snapshot();
  if (snapshot.error) return { kind: 'engine-error', message: snapshot.error };
  if (!snapshot.indexReady) return { kind: 'loading-index' };
  const path = request.path;
  if (!path) return { kind: 'no-note' };
  const note = engine.note(path);
  if (!note) return missingNoteState(engine, snapshot, path);
  if (note.chunks.length === 0) return { kind: 'empty-note', path };
  const indexer = engine.indexer();
  if (!indexer) return { kind: 'loading-index' };
  const basis = relatedBasisOf(indexer.state, path);
  const results = await relatedNotes(engine, path, { limit: request.limit, includeLinked: request.includeLinked, ...(request.yieldBetweenSteps ? { yieldBetweenSteps: request.yieldBetweenSteps } : {}) });
  return { kind: 'results', path, basis, results, model: basis === 'lexical' ? modelNotice(snapshot) : null };
}

async function missingNoteState(engine: NotesEngine, snapshot: EngineSnapshot, path: string): Promise<RelatedViewState> {
  const status = await engine.status();
  const skipped = status?.skipped.find((s) => s.path === path);
  if (skipped?.reason === 'excluded') return { kind: 'excluded', path, detail: skipped.detail };
  if (skipped) return { kind: 'not-indexed', path, detail: skipped.detail };
  const failed = status?.failed.find((f) => f.path === path);
  if (failed) return { kind: 'not-indexed', path, detail: failed.reason };
  if (snapshot.indexing || (status?.pending ?? 0) > 0) return { kind: 'indexing', path, progress: snapshot.indexing };
  return { kind: 'not-indexed', path, detail: 'It is not in the index yet; it will be added at the next index update.' };
}

/** The note has no vectors: because there is no model, the model is still on its way, or this note waits its turn. */
export function modelNotice(snapshot: EngineSnapshot): ModelNotice {
  const model = snapshot.model;
  switch (model.kind) {
    case 'ready':
      return { kind: 'not-embedded', message: 'This note is not embedded yet; related by keywords until it is.' };
    case 'downloading': {
      const notice: ModelNotice = { kind: 'model-loading', message: `Downloading the embedding model ${model.modelId}; related by keywords until it is ready.` };
      if (model.percent !== undefined) notice.percent = model.percent;
      return notice;
    }
    case 'loading':
      return { kind: 'model-loading', message: `Loading the embedding model ${model.modelId}; related by keywords until it is ready.` };
    case 'unavailable':
      return { kind: 'no-model', message: `No embedding model (${model.reason}): related by keywords and links instead.` };
    case 'idle':
      return { kind: 'no-model', message: 'No embedding model is loaded: related by keywords and links instead.' };
  }
}
