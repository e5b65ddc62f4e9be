import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openVaultIndex } from '../../src/node';
import { FakeEmbedder } from '../helpers/fake-embedder';
import { repoRoot } from '../helpers/shared';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function copyOfExampleVault(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amn-vault-'));
  dirs.push(dir);
  fs.cpSync(path.join(repoRoot, 'examples/vault'), dir, { recursive: true });
  return dir;
}

describe('openVaultIndex', () => {
  it('indexes a vault folder into an index folder outside it, and reopens without re-embedding', async () => {
    const vault = copyOfExampleVault();
    const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amn-index-'));
    dirs.push(indexDir);
    const embedder = new FakeEmbedder(64);
    const first = await openVaultIndex({ vault, indexDir, embedder });
    const report = await first.indexer.sync();
    expect(report.indexed).toBeGreaterThan(20);
    const notes = await first.searcher.searchNotes('RAG retrieval augmented generation', { limit: 3 });
    expect(notes[0]?.path).toBe('RAG (Retrieval Augmented Generation).md');
    await first.indexer.close();
    expect(fs.readdirSync(vault).some((f) => f.includes('CURRENT'))).toBe(false);

    const embedded = embedder.embedded.length;
    const second = await openVaultIndex({ vault, indexDir, embedder });
    expect(second.indexer.loadReport.outcome).toBe('stored');
    expect((await second.indexer.sync()).indexed).toBe(0);
    expect(embedder.embedded.length).toBe(embedded);
    expect((await second.indexer.status()).sizeBytes).toBeGreaterThan(0);
  });

  it('refuses an index folder inside the vault', async () => {
    const vault = copyOfExampleVault();
    await expect(openVaultIndex({ vault, indexDir: path.join(vault, '.index'), embedder: null })).rejects.toThrow(/inside the vault/);
    await expect(openVaultIndex({ vault, indexDir: vault, embedder: null })).rejects.toThrow(/inside the vault/);
  });
});
