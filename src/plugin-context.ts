import type { App, Plugin } from 'obsidian';
import type { NotesEngine } from './core/engine';
import type { AskMyNotesSettings } from './settings';

/**
 * What a feature module (related view, hover cards, ask panel, indexing commands, settings)
 * receives from `main.ts`: the app, the plugin for `register*`/`addCommand`, settings access
 * and the engine. Features never import the plugin class, so `main.ts` stays wiring only.
 */
export interface PluginContext {
  app: App;
  plugin: Plugin;
  settings(): AskMyNotesSettings;
  /** Saves a change and notifies `onSettingsChange` listeners. */
  updateSettings(patch: Partial<AskMyNotesSettings>): Promise<void>;
  onSettingsChange(listener: (settings: AskMyNotesSettings, previous: AskMyNotesSettings) => void): () => void;
  engine: NotesEngine;
  /** API keys, kept in Obsidian's SecretStorage (never in data.json). */
  secrets: {
    get(id: string): string | null;
    set(id: string, value: string): void;
  };
}
