/**
 * The settings the running engine was built with, and what a settings change means for the
 * index: a different model rebuilds it, a different chunk budget re-chunks every note
 * (unchanged passages keep their vectors), new exclusions add or drop notes, and model options
 * (mirror, folder, workers, key) only reload the model.
 */
import { noteProcessorVersion } from '../core/index/note-processor';
import type { AskMyNotesSettings } from '../settings';

export interface AppliedConfig {
  model: string;
  modelOptions: string;
  processorVersion: string;
  exclusions: string;
}

export type PendingChangeKind = 'model' | 'model-options' | 'chunking' | 'exclusions';

export interface PendingChange {
  kind: PendingChangeKind;
  /** One sentence for the settings tab. */
  message: string;
  /** What applies it: a rebuild, a re-index of changed notes, or reloading the model. */
  action: 'rebuild' | 'reindex' | 'reload-model';
}

export function processorVersionFor(settings: AskMyNotesSettings): string {
  return noteProcessorVersion({ tokenBudget: settings.chunkTokenBudget });
}

export function appliedConfig(settings: AskMyNotesSettings): AppliedConfig {
  const remote = settings.engine === 'remote';
  return {
    model: remote ? `remote|${settings.remoteEmbeddingUrl.trim()}|${settings.remoteEmbeddingModel.trim()}` : `local|${settings.modelId}`,
    modelOptions: remote
      ? settings.remoteEmbeddingKeySecret
      : JSON.stringify([settings.modelMirrorHost.trim(), settings.localModelFolder.trim(), settings.workerCount]),
    processorVersion: processorVersionFor(settings),
    exclusions: JSON.stringify(settings.excludePatterns),
  };
}

export function pendingChanges(applied: AppliedConfig, settings: AskMyNotesSettings): PendingChange[] {
  const now = appliedConfig(settings);
  const changes: PendingChange[] = [];
  if (now.model !== applied.model) {
    changes.push({ kind: 'model', action: 'rebuild', message: 'The embedding model changed: the index must be rebuilt, and every note is embedded again.' });
  } else if (now.modelOptions !== applied.modelOptions) {
    changes.push({ kind: 'model-options', action: 'reload-model', message: 'How the model is loaded changed: it is reloaded; the index stays.' });
  }
  if (now.processorVersion !== applied.processorVersion) {
    changes.push({ kind: 'chunking', action: 'reindex', message: 'The chunk size changed: every note is split again; unchanged passages keep their vectors.' });
  }
  if (now.exclusions !== applied.exclusions) {
    changes.push({ kind: 'exclusions', action: 'reindex', message: 'The exclusions changed: newly excluded notes leave the index and newly included ones are added.' });
  }
  return changes;
}

/** A readable name for the configured model, for status lines before the model has loaded. */
export function configuredModelName(settings: AskMyNotesSettings): string {
  if (settings.engine === 'local') return settings.modelId;
  const model = settings.remoteEmbeddingModel.trim() || '(no model)';
  try {
    return `${model} @ ${new URL(settings.remoteEmbeddingUrl).host}`;
  } catch {
    return model;
  }
}
