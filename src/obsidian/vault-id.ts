/**
 * A stable id per vault and device for the IndexedDB database name. Obsidian's `app.appId`
 * (private, but what Dataview keys its cache by) is unique per vault; without it, a hash of the
 * vault name and config folder keeps two vaults apart unless both match.
 */
import type { App } from 'obsidian';
import { hash64 } from '../core/index/hash';

export function vaultStorageId(app: App): string {
  const appId = (app as unknown as { appId?: unknown }).appId;
  if (typeof appId === 'string' && /^[\w-]{1,64}$/.test(appId)) return appId;
  return `v-${hash64(`${app.vault.getName()}\u0000${app.vault.configDir}`)}`;
}
