/**
 * The plugin's settings: loaded (and migrated) once, saved on every change, and announced to
 * listeners with the previous value so each feature reacts only to what concerns it.
 */
import type { Plugin } from 'obsidian';
import { migrateSettings, type AskMyNotesSettings } from '../settings';

type Listener = (settings: AskMyNotesSettings, previous: AskMyNotesSettings) => void;

export class SettingsStore {
  private readonly listeners = new Set<Listener>();

  private constructor(
    private readonly plugin: Plugin,
    private current: AskMyNotesSettings,
  ) {}

  static async load(plugin: Plugin): Promise<SettingsStore> {
    return new SettingsStore(plugin, migrateSettings(await plugin.loadData()));
  }

  /** The current settings; replaced (never mutated) on update. */
  get(): AskMyNotesSettings {
    return this.current;
  }

  async update(patch: Partial<AskMyNotesSettings>): Promise<void> {
    const previous = this.current;
    this.current = migrateSettings({ ...previous, ...patch });
    await this.plugin.saveData(this.current);
    for (const listener of [...this.listeners]) {
      try {
        listener(this.current, previous);
      } catch (error) {
        console.error('Ask My Notes: a settings listener failed', error);
      }
    }
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
