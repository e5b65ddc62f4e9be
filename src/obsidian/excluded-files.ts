/**
 * Obsidian's own "Excluded files" (Settings → Files and links), so notes the user hid from
 * search, graph and quick switcher stay out of the index too. Neither API is public:
 * `metadataCache.isUserIgnored(path)` is what the app itself uses; older builds only have the
 * raw `userIgnoreFilters` config. Both are probed defensively, and anything unexpected means
 * "not excluded" rather than an error.
 */
import type { App } from 'obsidian';

interface PrivateMetadataCache {
  isUserIgnored?: (path: string) => unknown;
}

interface PrivateVault {
  getConfig?: (key: string) => unknown;
}

export function obsidianExclusions(app: App): (path: string) => boolean {
  return (path) => {
    const cache = app.metadataCache as unknown as PrivateMetadataCache;
    if (typeof cache.isUserIgnored === 'function') {
      try {
        return cache.isUserIgnored(path) === true;
      } catch {
        // fall through to the configured filters
      }
    }
    return matchesUserIgnoreFilters(path, readUserIgnoreFilters(app));
  };
}

function readUserIgnoreFilters(app: App): string[] {
  const vault = app.vault as unknown as PrivateVault;
  if (typeof vault.getConfig !== 'function') return [];
  try {
    const value = vault.getConfig('userIgnoreFilters');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
  } catch {
    return [];
  }
}

/**
 * Obsidian's filter syntax: `/regex/` is a regular expression tested against the path; any
 * other entry is a path prefix (`Templates/`, `Archive`).
 */
export function matchesUserIgnoreFilters(path: string, filters: readonly string[]): boolean {
  for (const filter of filters) {
    if (filter.length > 2 && filter.startsWith('/') && filter.endsWith('/')) {
      try {
        if (new RegExp(filter.slice(1, -1)).test(path)) return true;
      } catch {
        // an invalid pattern excludes nothing, as in Obsidian
      }
    } else if (path.startsWith(filter)) {
      return true;
    }
  }
  return false;
}
