import { Plugin } from 'obsidian';
import { AskMyNotesSettings, migrateSettings } from './settings';

/** Lifecycle and wiring only; features live in their own modules. */
export default class AskMyNotesPlugin extends Plugin {
  declare settings: AskMyNotesSettings;

  override async onload(): Promise<void> {
    this.settings = migrateSettings(await this.loadData());
  }

  async saveSettings(): Promise<void> {
    await this.saveData(this.settings);
  }
}
