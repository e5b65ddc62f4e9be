/**
 * The settings tab as data: sections of rows, each row a `render(setting)` that fills one
 * Obsidian Setting and may return a clean-up. The same rows serve both renderers: `display()`
 * (Obsidian 1.11–1.12) and `getSettingDefinitions()` (1.13+, which also makes them searchable).
 */
import type { App, Setting } from 'obsidian';
import type { Generator } from '../../core/ports';
import type { IndexControl } from '../../obsidian/plugin-engine';
import type { AskMyNotesSettings } from '../../settings';

export interface SettingRow {
  name: string;
  desc?: string;
  /** Extra words for the 1.13 settings search. */
  aliases?: string[];
  /** Adds the controls (name and description are already set) and may return a clean-up. */
  render(setting: Setting): void | (() => void);
}

/** Name, description, then the row's own controls: the same in both renderers. */
export function fillRow(setting: Setting, row: SettingRow): void | (() => void) {
  setting.setName(row.name);
  if (row.desc !== undefined) setting.setDesc(row.desc);
  return row.render(setting);
}

export interface SettingSection {
  /** Null for rows above the first heading. */
  heading: string | null;
  rows: SettingRow[];
}

export interface SettingsTabDeps {
  app: App;
  settings(): AskMyNotesSettings;
  updateSettings(patch: Partial<AskMyNotesSettings>): Promise<void>;
  onSettingsChange(listener: (settings: AskMyNotesSettings, previous: AskMyNotesSettings) => void): () => void;
  engine: IndexControl & { generator(): Generator | null };
  openModelChooser(): void;
  openStatus(): void;
}

/** Runs `update` now and whenever the settings or the engine change; returns the unsubscribe. */
export function live(deps: SettingsTabDeps, update: () => void): () => void {
  update();
  const offSettings = deps.onSettingsChange(() => update());
  const offEngine = deps.engine.onChange(() => update());
  return () => {
    offSettings();
    offEngine();
  };
}

/** One entry per line, blank lines dropped. */
export function lines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
}
