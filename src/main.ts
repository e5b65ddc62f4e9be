import { Plugin } from 'obsidian';
import { createInlineWorker, prepareInlineWorker } from './embedding/worker/inline-worker';
import { pluginEmbedderFactory } from './obsidian/embedder-factory';
import { consoleLogger } from './obsidian/logger';
import { PluginEngine } from './obsidian/plugin-engine';
import { obsidianSecrets } from './obsidian/secrets';
import { SettingsStore } from './obsidian/settings-store';
import { yieldToMain } from './obsidian/yield-to-main';
import type { PluginContext } from './plugin-context';
import { registerIndexingUi } from './ui/indexing-ui';
import { registerAskFeature } from './ui/ask/register-ask-feature';
import { registerCardFeature } from './ui/cards/register-cards';
import { registerRelatedFeature } from './ui/related/register-related';

/**
 * Lifecycle and wiring only. `onload` reads the settings and registers things; the index, the
 * model and the vault events start once the workspace layout is ready.
 */
export default class AskMyNotesPlugin extends Plugin {
  override async onload(): Promise<void> {
    const store = await SettingsStore.load(this);
    const secrets = obsidianSecrets(this.app);
    const engine = this.addChild(
      new PluginEngine({
        app: this.app,
        settings: () => store.get(),
        secret: (name) => secrets.get(name),
        embedders: pluginEmbedderFactory({
          adapter: this.app.vault.adapter,
          createWorker: createInlineWorker,
          prepareWorker: () => prepareInlineWorker(yieldToMain),
          logger: consoleLogger,
        }),
      }),
    );
    const ctx: PluginContext = {
      app: this.app,
      plugin: this,
      settings: () => store.get(),
      updateSettings: (patch) => store.update(patch),
      onSettingsChange: (listener) => store.onChange(listener),
      engine,
      secrets,
    };
    registerIndexingUi(ctx, engine);

    registerRelatedFeature(ctx);
    registerCardFeature(ctx);
    registerAskFeature(ctx);

    this.app.workspace.onLayoutReady(() => void engine.start());
  }
}
