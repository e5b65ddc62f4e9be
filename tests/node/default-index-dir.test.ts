import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultIndexDir, vaultKey } from '../../src/node';

describe('defaultIndexDir', () => {
  it('uses $XDG_CACHE_HOME, then LOCALAPPDATA on Windows, then ~/.cache', () => {
    const key = vaultKey('/vaults/mine');
    expect(defaultIndexDir('/vaults/mine', { env: { XDG_CACHE_HOME: '/xdg' }, platform: 'linux', home: '/home/u' })).toBe(path.join('/xdg', 'ask-my-notes', 'index', key));
    expect(defaultIndexDir('/vaults/mine', { env: { LOCALAPPDATA: '/local' }, platform: 'win32', home: '/home/u' })).toBe(path.join('/local', 'ask-my-notes', 'index', key));
    expect(defaultIndexDir('/vaults/mine', { env: {}, platform: 'linux', home: '/home/u' })).toBe(path.join('/home/u', '.cache', 'ask-my-notes', 'index', key));
  });

  it('gives one folder per vault: relative, absolute and symlinked paths agree; different vaults differ', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'amn-vault-'));
    try {
      const vault = path.join(root, 'vault');
      fs.mkdirSync(vault);
      fs.symlinkSync(vault, path.join(root, 'link'));
      expect(vaultKey(path.join(root, 'link'))).toBe(vaultKey(vault));
      expect(vaultKey(path.relative(process.cwd(), vault))).toBe(vaultKey(vault));
      expect(vaultKey(path.join(root, 'other'))).not.toBe(vaultKey(vault));
      expect(vaultKey(vault)).toMatch(/^[0-9a-f]{16}$/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
