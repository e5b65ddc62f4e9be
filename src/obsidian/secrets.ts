/**
 * API keys live in Obsidian's SecretStorage (the OS keychain where there is one), referenced
 * from the settings by secret name; nothing secret is ever written to data.json.
 */
import type { App } from 'obsidian';
import type { PluginContext } from '../plugin-context';

export function obsidianSecrets(app: App): PluginContext['secrets'] {
  return {
    get: (id) => (id ? app.secretStorage.getSecret(id) : null),
    set: (id, value) => app.secretStorage.setSecret(id, value),
  };
}
