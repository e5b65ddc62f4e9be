import type { App as ObsidianApp, TAbstractFile } from 'obsidian';
import { describe, expect, it } from 'vitest';
import { matchesUserIgnoreFilters, obsidianExclusions } from '../../src/obsidian/excluded-files';
import { createEvent, deleteEvent, modifyEvent, renameEvent } from '../../src/obsidian/vault-events';
import { vaultStorageId } from '../../src/obsidian/vault-id';
import { VaultNoteSource } from '../../src/obsidian/vault-note-source';
import { App, TFile, TFolder, Vault } from '../stubs/obsidian';

const note = (path: string) => new TFile(path, { mtime: 5, size: 10 }) as unknown as TAbstractFile;

describe('vault events', () => {
  it('turns Markdown file events into index events and ignores everything else', () => {
    expect(createEvent(note('a.md'))).toEqual({ type: 'create', stat: { path: 'a.md', mtime: 5, size: 10 } });
    expect(modifyEvent(note('a.md'))).toEqual({ type: 'modify', stat: { path: 'a.md', mtime: 5, size: 10 } });
    expect(deleteEvent(note('a.md'))).toEqual({ type: 'delete', path: 'a.md' });
    expect(createEvent(note('image.png'))).toBeNull();
    expect(modifyEvent(new TFolder('folder') as unknown as TAbstractFile)).toBeNull();
  });

  it('treats a rename across the .md boundary as a create or a delete', () => {
    expect(renameEvent(note('b.md'), 'a.md')).toEqual({ type: 'rename', oldPath: 'a.md', stat: { path: 'b.md', mtime: 5, size: 10 } });
    expect(renameEvent(note('b.txt'), 'a.md')).toEqual({ type: 'delete', path: 'a.md' });
    expect(renameEvent(note('b.md'), 'a.txt')).toEqual({ type: 'create', stat: { path: 'b.md', mtime: 5, size: 10 } });
    expect(renameEvent(note('b.txt'), 'a.txt')).toBeNull();
  });
});

describe('VaultNoteSource', () => {
  it('lists Markdown notes with their stats and reads them', async () => {
    const vault = new Vault().seed({ 'a.md': 'alpha', 'sub/b.md': 'beta', 'c.canvas': '{}' });
    const source = new VaultNoteSource(vault as never);
    expect((await source.list()).map((s) => s.path).sort()).toEqual(['a.md', 'sub/b.md']);
    expect(await source.read('sub/b.md')).toBe('beta');
    await expect(source.read('gone.md')).rejects.toThrow('gone.md is no longer in the vault');
  });
});

describe("Obsidian's excluded files", () => {
  it('matches path prefixes and /regex/ entries like Obsidian', () => {
    const filters = ['Templates/', '/\\.excalidraw\\.md$/', '/[invalid/'];
    expect(matchesUserIgnoreFilters('Templates/Daily.md', filters)).toBe(true);
    expect(matchesUserIgnoreFilters('Drawings/plan.excalidraw.md', filters)).toBe(true);
    expect(matchesUserIgnoreFilters('Notes/Templates.md', filters)).toBe(false);
  });

  it('uses metadataCache.isUserIgnored when the app has it, else the userIgnoreFilters config, else nothing', () => {
    const app = new App();
    const exclude = obsidianExclusions(app as unknown as ObsidianApp);
    expect(exclude('Templates/a.md')).toBe(false);
    Object.assign(app.vault, { getConfig: (key: string) => (key === 'userIgnoreFilters' ? ['Templates/'] : undefined) });
    expect(exclude('Templates/a.md')).toBe(true);
    Object.assign(app.metadataCache, { isUserIgnored: (path: string) => path.startsWith('Archive/') });
    expect(exclude('Archive/x.md')).toBe(true);
    expect(exclude('Templates/a.md')).toBe(false);
  });
});

describe('vaultStorageId', () => {
  it("prefers Obsidian's app id and otherwise hashes the vault name and config folder", () => {
    const app = new App(new Vault('Work'));
    const hashed = vaultStorageId(app as unknown as ObsidianApp);
    expect(hashed).toMatch(/^v-[0-9a-f]{16}$/);
    expect(vaultStorageId(new App(new Vault('Home')) as unknown as ObsidianApp)).not.toBe(hashed);
    Object.assign(app, { appId: 'a1b2c3d4e5f60718' });
    expect(vaultStorageId(app as unknown as ObsidianApp)).toBe('a1b2c3d4e5f60718');
  });
});
