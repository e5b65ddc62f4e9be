/**
 * The settings tab. Rows are defined once (settings/*.ts) and drawn either by `display()`
 * (Obsidian before 1.13) or, from 1.13 on, by Obsidian itself from `getSettingDefinitions()`,
 * which also puts every row in the settings search. Rows keep themselves current (model status,
 * pending changes, privacy summary), so neither path ever needs a full redraw.
 */
import { PluginSettingTab, Setting, type Plugin, type SettingDefinitionItem } from 'obsidian';
import { fillRow, type SettingSection, type SettingsTabDeps } from './settings/definitions';
import { hoverSection, relatedSection } from './settings/feature-sections';
import { indexingSection, pendingChangesRow } from './settings/indexing-section';
import { llmSection } from './settings/llm-section';
import { modelSection, remoteSection } from './settings/model-section';
import { privacySection } from './settings/privacy-section';

export class AskMyNotesSettingTab extends PluginSettingTab {
  private cleanups: (() => void)[] = [];

  constructor(
    plugin: Plugin,
    private readonly deps: SettingsTabDeps,
  ) {
    super(deps.app, plugin);
  }

  sections(): SettingSection[] {
    const deps = this.deps;
    return [
      pendingChangesRow(deps),
      modelSection(deps),
      indexingSection(deps),
      relatedSection(deps),
      hoverSection(deps),
      remoteSection(deps),
      llmSection(deps),
      privacySection(deps),
    ];
  }

  /** Obsidian 1.13+: drawn by the app (and searchable). Kept cheap: no I/O until a row renders. */
  override getSettingDefinitions(): SettingDefinitionItem[] {
    const items: SettingDefinitionItem[] = [];
    for (const section of this.sections()) {
      const rows = section.rows.map((row) => ({
        name: row.name,
        ...(row.desc !== undefined ? { desc: row.desc } : {}),
        ...(row.aliases ? { aliases: row.aliases } : {}),
        render: (setting: Setting) => fillRow(setting, row),
      }));
      if (section.heading === null) items.push(...rows);
      else items.push({ type: 'group', heading: section.heading, items: rows });
    }
    return items;
  }

  /** Obsidian before 1.13. */
  override display(): void {
    this.clearRows();
    const { containerEl } = this;
    containerEl.empty();
    containerEl.addClass('amn-settings');
    for (const section of this.sections()) {
      if (section.heading !== null) new Setting(containerEl).setName(section.heading).setHeading();
      for (const row of section.rows) {
        const cleanup = fillRow(new Setting(containerEl), row);
        if (cleanup) this.cleanups.push(cleanup);
      }
    }
  }

  override hide(): void {
    this.clearRows();
    super.hide();
  }

  private clearRows(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }
}
