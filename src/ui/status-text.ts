/** The words the status bar, notices and the status window use for the engine's state. */
import type { ModelState } from '../core/engine';
import type { IndexProgress } from '../core/index/types';
import type { PluginEngineSnapshot } from '../obsidian/plugin-engine';

/** The short status bar text: work in progress first, then the resting state. */
export function statusBarText(snapshot: PluginEngineSnapshot): string {
  if (!snapshot.started) return '';
  if (snapshot.error !== undefined) return 'Index unavailable';
  if (snapshot.model.kind === 'downloading') return downloadText(snapshot.model);
  if (snapshot.indexing) return progressText(snapshot.indexing);
  if (!snapshot.indexReady) return 'Loading index…';
  if (snapshot.stopped) return 'Indexing stopped';
  switch (snapshot.model.kind) {
    case 'ready':
      return 'Notes indexed';
    case 'loading':
      return 'Loading model…';
    default:
      return 'Keyword search only';
  }
}

/** A sentence for the status bar tooltip and the status window. */
export function modelStateText(model: ModelState): string {
  switch (model.kind) {
    case 'idle':
      return 'The embedding model loads once the vault is open.';
    case 'loading':
      return `Loading ${model.modelId}…`;
    case 'downloading':
      return `${downloadText(model)}: ${model.modelId}`;
    case 'ready':
      return `${model.modelId} is ready (${model.backend}).`;
    case 'unavailable':
      return model.reason;
  }
}

export function progressText(progress: IndexProgress): string {
  switch (progress.phase) {
    case 'loading':
      return 'Loading index…';
    case 'scanning':
      return 'Checking notes…';
    case 'saving':
      return 'Saving index…';
    default:
      return `Indexing ${progress.notesDone} / ${progress.notesTotal} notes`;
  }
}

export function downloadText(model: Extract<ModelState, { kind: 'downloading' }>): string {
  if (model.bytesTotal !== undefined && model.percent !== undefined) {
    return `Downloading model ${Math.floor(model.percent)}% (${megabytes(model.bytesDone, model.bytesTotal)} / ${megabytes(model.bytesTotal)} MB)`;
  }
  return model.bytesDone > 0 ? `Downloading model (${megabytes(model.bytesDone)} MB)` : 'Downloading model…';
}

/** Megabytes (10^6 bytes, as download sizes are quoted) with a decimal under 10 MB; `scale` picks the precision of a pair. */
export function megabytes(bytes: number, scale = bytes): string {
  const mb = bytes / 1_000_000;
  return scale < 10_000_000 ? mb.toFixed(1) : String(Math.round(mb));
}

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${megabytes(bytes)} MB`;
}
