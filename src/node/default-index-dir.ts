/**
 * Where the CLI keeps a vault's index: a per-vault folder in the user's cache, never inside
 * the vault (indexes in vaults fight with sync tools: see LANDSCAPE "Sync fights").
 * `$XDG_CACHE_HOME/ask-my-notes/index/<hash>`, else `%LOCALAPPDATA%\…` on Windows, else
 * `~/.cache/…`. The hash is of the vault's resolved real path, so `./vault` and its absolute
 * path (or a symlink to it) share one index.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface CacheEnvironment {
  env?: Record<string, string | undefined>;
  platform?: string;
  home?: string;
}

export function defaultIndexDir(vaultPath: string, environment: CacheEnvironment = {}): string {
  const env = environment.env ?? process.env;
  const platform = environment.platform ?? process.platform;
  const home = environment.home ?? os.homedir();
  const cache = env.XDG_CACHE_HOME || (platform === 'win32' ? env.LOCALAPPDATA : undefined) || path.join(home, '.cache');
  return path.join(cache, 'ask-my-notes', 'index', vaultKey(vaultPath));
}

/** 16 hex chars of SHA-256 of the vault's real path. */
export function vaultKey(vaultPath: string): string {
  let resolved = path.resolve(vaultPath);
  try {
    resolved = fs.realpathSync.native(resolved);
  } catch {
    // the vault does not exist (yet): the resolved path is as good as it gets
  }
  return createHash('sha256').update(resolved).digest('hex').slice(0, 16);
}
