import type { App } from 'obsidian';

/** Obsidian's settings modal (not in the public API: used only when present). */
interface SettingsModal {
  open?(): void;
  openTabById?(id: string): unknown;
}

/** Opens this plugin's settings tab, where exclusions and the model are chosen. */
export function openPluginSettings(app: App, pluginId: string): void {
  const setting = (app as unknown as { setting?: SettingsModal }).setting;
  setting?.open?.();
  setting?.openTabById?.(pluginId);
}
