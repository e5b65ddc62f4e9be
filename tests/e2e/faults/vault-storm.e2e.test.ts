/**
 * Fault: the vault changes faster than the index. A generated vault of 600 notes (each with a
 * word found nowhere else) is indexed, then changed through the host's Vault API from the page:
 * - a storm of 500 operations fired at once (250 renames into another folder, 250 deletes)
 *   plus a folder rename;
 * - edits while a rebuild is indexing (embedding held mid-run): notes modified once or twice,
 *   created, deleted, renamed, and a note modified then renamed.
 * Afterwards the index holds exactly the vault's notes, each with its latest content (content
 * hash equal to the file on disk), a vector for every passage, and the keyword index knows no
 * deleted or old path (no ghosts, no stale chunks).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hash64 } from '../../../src/core/index/hash';
import type { Host } from '../harness';
import { PLUGIN, dismissNotices, expectNothingEscaped, inPage, indexDigest, markdownFiles, startPluginHost, statusText, waitForStatus, waitIdle } from '../scenarios/support/plugin-host';

const NOTES = 600;
const WORDS = 'modelo vetor busca nota texto trecho pergunta resposta índice consulta documento sentido palavra cofre ligação tema conceito exemplo camada dado treino tarefa janela contexto'.split(' ');

/** A word no other note has: `zqx` + the number in letters. */
function marker(i: number): string {
  let s = '';
  let n = i;
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return `zqx${s}`;
}

function noteText(i: number, version = 0): string {
  const pick = (k: number) => WORDS[(i * 7 + k * 13 + version * 5) % WORDS.length];
  const sentence = (k: number) => `${Array.from({ length: 12 }, (_, j) => pick(k + j)).join(' ')}.`;
  return `# Nota ${i}\n\nEsta nota fala de ${marker(i)} e de ${pick(1)}. ${sentence(2)} ${sentence(3)}\n\n## Detalhes\n\n${sentence(4)} ${sentence(5)} Versão ${version}.\n`;
}

function makeVault(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amn-e2e-storm-'));
  for (let i = 0; i < NOTES; i++) {
    const folder = path.join(dir, 'Storm', i < 300 ? 'A' : i < 550 ? 'B' : 'C');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `Nota ${i}.md`), noteText(i));
  }
  return dir;
}

/** Paths the keyword index finds for a word (lexical mode only: dense search always finds something). */
function keywordHits(host: Host, word: string): Promise<string[]> {
  return inPage(host, async ({ engine }, w) => (await engine.searcher().searchNotes(w, { mode: 'lexical', limit: 5 })).map((h: { path: string }) => h.path), word);
}

/** The index equals the vault on disk, note by note, with the latest content and a vector per passage. */
async function expectIndexMatchesVault(host: Host, gone: number[], present: Map<number, string>): Promise<void> {
  const digest = await indexDigest(host);
  const onDisk = markdownFiles(host.server.vaultRoot);
  console.log(`vault: ${onDisk.length} notes; index: ${digest.notes.length} notes, ${digest.chunkCount} passages, ${digest.vectorCount} vectors`);
  expect(digest.notes.map((n) => n.path)).toEqual(onDisk);
  const stale = digest.notes.filter((n) => n.contentHash !== hash64(fs.readFileSync(path.join(host.server.vaultRoot, n.path), 'utf8')));
  expect(stale.map((n) => n.path)).toEqual([]);
  for (const n of digest.notes) {
    expect(n.chunks.length).toBeGreaterThan(0);
    for (const c of n.chunks) expect(c.startsWith(`${n.path}#`)).toBe(true);
    expect(n.vectors.every((v) => v !== null)).toBe(true);
  }
  expect(digest.vectorCount).toBe(digest.chunkCount);
  expect(digest.chunkCount).toBe(digest.notes.reduce((sum, n) => sum + n.chunks.length, 0));
  // No ghosts in the keyword index: a deleted note's word finds only notes that exist (fuzzy
  // matching may bring a neighbour such as zqxli for zqxly), a moved note is found where it is now.
  const existing = new Set(onDisk);
  for (const i of gone.slice(0, 25)) {
    const hits = await keywordHits(host, marker(i));
    expect(hits.filter((p) => !existing.has(p)), `deleted note ${i}`).toEqual([]);
    expect(hits.some((p) => /Nota (\d+)/.exec(p)![1] === String(i)), `deleted note ${i}`).toBe(false);
  }
  for (const [i, where] of [...present].slice(0, 25)) {
    const hits = await keywordHits(host, marker(i));
    expect(hits[0], `note ${i}`).toBe(where);
    expect(hits.filter((p) => !existing.has(p)), `note ${i}`).toEqual([]);
  }
}

describe('a storm of vault changes', () => {
  let host: Host;
  let vault: string;
  /** Note number → its path now; absent when deleted. */
  const where = new Map<number, string>();
  const gone: number[] = [];

  beforeAll(async () => {
    vault = makeVault();
    for (const p of markdownFiles(vault)) where.set(Number(/Nota (\d+)\.md$/.exec(p)![1]), p);
    host = await startPluginHost({ vault });
    await waitForStatus(host, 'Notes indexed', 180_000);
    await dismissNotices(host);
  });
  afterAll(async () => {
    await host?.close();
    fs.rmSync(vault, { recursive: true, force: true });
  });

  test('500 renames and deletes at once, and a folder rename: the index ends equal to the vault', async () => {
    const renames = Array.from({ length: 250 }, (_, k) => k); // notes 0–249 → Storm/Moved/
    const deletes = Array.from({ length: 250 }, (_, k) => 300 + k); // notes 300–549
    const result = await host.page.evaluate(
      async ({ renames: r, deletes: d }) => {
        const { vault } = (window as any).app;
        await vault.createFolder('Storm/Moved');
        let events = 0;
        const count = () => events++;
        const refs = [vault.on('rename', count), vault.on('delete', count)];
        const started = performance.now();
        await Promise.all([
          ...r.map((i: number) => vault.rename(vault.getAbstractFileByPath(`Storm/A/Nota ${i}.md`), `Storm/Moved/Nota ${i} movida.md`)),
          ...d.map((i: number) => vault.delete(vault.getAbstractFileByPath(`Storm/B/Nota ${i}.md`))),
        ]);
        const millis = performance.now() - started;
        // The rest of folder C moves as a whole: one rename event per file inside.
        await vault.rename(vault.getAbstractFileByPath('Storm/C'), 'Storm/C2');
        for (const ref of refs) vault.offref(ref);
        return { millis, events };
      },
      { renames, deletes },
    );
    console.log(`storm: 500 operations confirmed by the vault in ${Math.round(result.millis)} ms; ${result.events} events`);
    expect(result.events).toBe(500 + 1 + 50); // + the folder and its 50 notes
    for (const i of renames) where.set(i, `Storm/Moved/Nota ${i} movida.md`);
    for (const i of deletes) {
      where.delete(i);
      gone.push(i);
    }
    for (let i = 550; i < 600; i++) where.set(i, `Storm/C2/Nota ${i}.md`);

    await waitIdle(host);
    expect(await statusText(host)).toBe('Notes indexed');
    await expectIndexMatchesVault(host, gone, where);
    await expectNothingEscaped(host);
  });

  test('edits while a rebuild is indexing: every note ends with its latest content, nothing stale', async () => {
    await host.pauseEmbedsWhen(/^Indexing [1-9]\d* \/ \d+ notes$/);
    expect(await host.runCommand(`${PLUGIN}:rebuild-index`)).toBe(true);
    await host.page.locator('.modal', { hasText: 'Rebuild the index?' }).locator('button', { hasText: /^Rebuild$/ }).click();
    await waitForStatus(host, /^Indexing [1-9]\d* \/ \d+ notes$/);
    const during = await statusText(host);

    const live = [...where.keys()];
    const modifyOnce = live.slice(0, 60);
    const modifyTwice = live.slice(60, 100);
    const remove = live.slice(100, 120);
    const rename = live.slice(120, 140);
    const modifyThenRename = live.slice(140, 150);
    const created = Array.from({ length: 20 }, (_, k) => 1000 + k);
    const texts: Record<string, string> = {};
    for (const i of [...modifyOnce, ...modifyThenRename]) texts[i] = noteText(i, 1);
    for (const i of modifyTwice) texts[i] = noteText(i, 2);
    for (const i of created) texts[i] = noteText(i);
    const paths = Object.fromEntries([...where].map(([i, p]) => [i, p]));
    await host.page.evaluate(
      async (a) => {
        const { vault } = (window as any).app;
        const file = (p: string) => vault.getAbstractFileByPath(p);
        await Promise.all([
          ...a.modifyOnce.map((i: number) => vault.modify(file(a.paths[i]!), a.texts[i]!)),
          ...a.modifyTwice.map(async (i: number) => {
            await vault.modify(file(a.paths[i]!), a.texts[i]!.replace('Versão 2', 'Versão 1'));
            await vault.modify(file(a.paths[i]!), a.texts[i]!);
          }),
          ...a.remove.map((i: number) => vault.delete(file(a.paths[i]!))),
          ...a.rename.map((i: number) => vault.rename(file(a.paths[i]!), a.paths[i]!.replace('.md', ' renomeada.md'))),
          ...a.modifyThenRename.map(async (i: number) => {
            await vault.modify(file(a.paths[i]!), a.texts[i]!);
            await vault.rename(file(a.paths[i]!), a.paths[i]!.replace('.md', ' editada.md'));
          }),
          ...a.created.map((i: number) => vault.create(`Storm/Novas/Nota ${i}.md`, a.texts[i]!)),
        ]);
      },
      { modifyOnce, modifyTwice, remove, rename, modifyThenRename, created, texts, paths },
    );
    await host.pauseEmbeds(false);
    for (const i of remove) {
      where.delete(i);
      gone.push(i);
    }
    for (const i of rename) where.set(i, where.get(i)!.replace('.md', ' renomeada.md'));
    for (const i of modifyThenRename) where.set(i, where.get(i)!.replace('.md', ' editada.md'));
    for (const i of created) where.set(i, `Storm/Novas/Nota ${i}.md`);
    console.log(`edits made while "${during}"`);

    await waitIdle(host);
    expect(await statusText(host)).toBe('Notes indexed');
    await expectIndexMatchesVault(host, gone, new Map([...where].filter(([i]) => created.includes(i) || rename.includes(i) || modifyThenRename.includes(i))));
    // The latest text of a twice-modified note is what is indexed.
    const twice = modifyTwice[0]!;
    expect((await keywordHits(host, marker(twice)))[0]).toBe(where.get(twice));
    await expectNothingEscaped(host);
  });
});
