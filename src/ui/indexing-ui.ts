/**
 * Everything the user sees of the index: settings tab, status bar item, notices, the index
 * commands, and the two windows they open.
 */
import type { PluginEngine } from '../obsidian/plugin-engine';
import type { PluginContext } from '../plugin-context';
import { IndexStatusModal } from './index-status-modal';
import { registerIndexingCommands } from './indexing-commands';
import { ModelModal } from './model-modal';
import { noteWarnings } from './note-warnings';
import { registerEngineNotices } from './notices';
import { AskMyNotesSettingTab } from './settings-tab';
import { registerStatusBar } from './status-bar';

export function registerIndexingUi(ctx: PluginContext, engine: PluginEngine): void {
  const openStatus = (): void => new IndexStatusModal(ctx.app, engine, () => ctx.settings(), () => noteWarnings(engine)).open();
  const openModelChooser = (): void => new ModelModal(ctx.app, ctx, engine).open();
  ctx.plugin.addSettingTab(
    new AskMyNotesSettingTab(ctx.plugin, {
      app: ctx.app,
      settings: () => ctx.settings(),
      updateSettings: (patch) => ctx.updateSettings(patch),
      onSettingsChange: (listener) => ctx.onSettingsChange(listener),
      engine,
      openModelChooser,
      openStatus,
    }),
  );
  registerStatusBar(ctx.plugin, engine, openStatus);
  registerEngineNotices(ctx.plugin, engine, { retryModel: () => void engine.retryModel(), openStatus });
  registerIndexingCommands(ctx.plugin, ctx.app, engine, { openStatus, openModelChooser });
}
