/**
 * Notices for what the engine reports: a live progress notice while the model downloads, and
 * one notice per problem (model unavailable, index rebuilt or partly unreadable, IndexedDB
 * missing), each saying what still works and what to do. Details go to the console.
 */
import { Notice, type Plugin } from 'obsidian';
import type { EngineAlert, IndexControl, PluginEngineSnapshot } from '../obsidian/plugin-engine';
import { downloadText } from './status-text';

const PROBLEM_MS = 15_000;
const INFO_MS = 6_000;

export interface NoticeActions {
  retryModel(): void;
  openStatus(): void;
}

export function registerEngineNotices(
  plugin: Plugin,
  engine: Pick<IndexControl, 'onChange'> & { onAlert(listener: (alert: EngineAlert) => void): () => void },
  actions: NoticeActions,
): void {
  // The plugin's display name from its manifest, so every notice says who speaks.
  const name = plugin.manifest.name;
  let download: Notice | null = null;
  plugin.register(
    engine.onChange((snapshot: PluginEngineSnapshot) => {
      const model = snapshot.model;
      if (model.kind === 'downloading') {
        const text = `${name}: ${downloadText(model)}`;
        if (download) download.setMessage(text);
        else download = new Notice(text, 0);
        return;
      }
      if (!download) return;
      download.hide();
      download = null;
      if (model.kind === 'ready') new Notice(`${name}: the embedding model is downloaded. Notes are now indexed for meaning.`, INFO_MS);
    }),
  );
  plugin.register(() => download?.hide());
  plugin.register(engine.onAlert((alert) => showAlert(name, alert, actions)));
}

function showAlert(name: string, alert: EngineAlert, actions: NoticeActions): void {
  switch (alert.kind) {
    case 'model-unavailable':
      new Notice(
        withButton(`${name}: ${alert.reason}`, 'Retry model download', () => actions.retryModel()),
        PROBLEM_MS,
      );
      return;
    case 'storage-memory':
      new Notice(`${name}: the index cannot be stored on this device (${alert.reason}). It is kept in memory for this session and built again next time.`, PROBLEM_MS);
      return;
    case 'index-rebuilt':
      new Notice(withButton(`${name}: the stored index could not be used (${alert.reason}). It is being rebuilt.`, 'Show index status', () => actions.openStatus()), PROBLEM_MS);
      return;
    case 'index-partial':
      new Notice(`${name}: part of the stored index was unreadable (${alert.reason}). Those notes are indexed again.`, PROBLEM_MS);
      return;
    case 'start-failed':
      new Notice(`${name}: ${alert.reason}`, PROBLEM_MS);
      return;
  }
}

function withButton(message: string, label: string, action: () => void): DocumentFragment {
  return createFragment((fragment) => {
    fragment.createDiv({ text: message });
    const button = fragment.createEl('button', { text: label, cls: 'amn-notice-button' });
    button.addEventListener('click', action);
  });
}
