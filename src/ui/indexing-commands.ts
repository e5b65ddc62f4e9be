/**
 * The index commands. Stable ids, no default hotkeys; each check callback offers a command
 * only when it can do something: "Cancel indexing" while notes are being indexed, "Retry model
 * download" while the model is unavailable.
 */
import type { App, Plugin } from 'obsidian';
import type { IndexControl } from '../obsidian/plugin-engine';
import { confirmRebuild } from './rebuild-confirm';

export interface IndexingCommandActions {
  openStatus(): void;
  openModelChooser(): void;
}

export const INDEXING_COMMAND_IDS = [
  'reindex-changed-notes',
  'rebuild-index',
  'cancel-indexing',
  'show-index-status',
  'choose-embedding-model',
  'retry-model-download',
] as const;

export function registerIndexingCommands(plugin: Plugin, app: App, engine: IndexControl, actions: IndexingCommandActions): void {
  const ready = (): boolean => engine.snapshot().indexReady;
  const report = (work: Promise<unknown>): void => {
    work.catch((error: unknown) => console.error('Ask My Notes: command failed', error));
  };

  plugin.addCommand({
    id: 'reindex-changed-notes',
    name: 'Re-index changed notes',
    checkCallback: (checking) => {
      if (!ready()) return false;
      if (!checking) report(engine.reindexChanged());
      return true;
    },
  });
  plugin.addCommand({
    id: 'rebuild-index',
    name: 'Rebuild index',
    checkCallback: (checking) => {
      if (!ready()) return false;
      if (!checking) report(confirmRebuild(app, engine));
      return true;
    },
  });
  plugin.addCommand({
    id: 'cancel-indexing',
    name: 'Cancel indexing',
    checkCallback: (checking) => {
      const progress = engine.snapshot().indexing;
      if (!progress || progress.phase === 'loading' || progress.phase === 'saving') return false;
      if (!checking) report(engine.cancel());
      return true;
    },
  });
  plugin.addCommand({
    id: 'show-index-status',
    name: 'Show index status',
    callback: () => actions.openStatus(),
  });
  plugin.addCommand({
    id: 'choose-embedding-model',
    name: 'Choose or download embedding model',
    callback: () => actions.openModelChooser(),
  });
  plugin.addCommand({
    id: 'retry-model-download',
    name: 'Retry model download',
    checkCallback: (checking) => {
      if (engine.snapshot().model.kind !== 'unavailable') return false;
      if (!checking) report(engine.retryModel());
      return true;
    },
  });
}
