/**
 * Fault: bad files in the vault, next to the example notes: a PNG named `.md`, a 20 MB note,
 * 10,000 nested quote markers before a callout, a note with bytes that are not UTF-8, only
 * frontmatter, and broken YAML. Each is skipped or indexed, and the index status window
 * says which and why; every example note is indexed as usual; nothing escapes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Host } from '../harness';
import { exampleVault, expectNothingEscaped, inPage, markdownFiles, startPluginHost, statusWindow, waitForStatus, waitIdle } from '../scenarios/support/plugin-host';

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

function makeVault(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amn-e2e-bad-'));
  fs.cpSync(exampleVault, dir, { recursive: true });
  const bad = path.join(dir, 'Bad');
  fs.mkdirSync(bad);
  fs.writeFileSync(path.join(bad, 'image.md'), PNG);
  fs.writeFileSync(path.join(bad, 'huge.md'), `# Huge\n\n${'All work and no play makes a dull note. '.repeat((20 * 1024 * 1024) / 40)}\n`);
  fs.writeFileSync(path.join(bad, 'nested.md'), `${'> '.repeat(10_000)}[!note] Deep\n${'> '.repeat(10_000)}The bottom of a very deep quote about rivers.\n\nA paragraph after it about bridges.\n`);
  fs.writeFileSync(path.join(bad, 'latin1.md'), Buffer.concat([Buffer.from('# Menu\n\nThe caf'), Buffer.from([0xe9]), Buffer.from(' serves bread and coffee near the river. '), Buffer.from([0xff]), Buffer.from('\n')]));
  fs.writeFileSync(path.join(bad, 'only-frontmatter.md'), '---\ntags: [empty]\naliases: [Nothing here]\n---\n');
  fs.writeFileSync(path.join(bad, 'broken-yaml.md'), '---\ntags: [unclosed\n  : : bad\n---\n# Still a note\n\nThe body below broken YAML is indexed about bridges.\n');
  return dir;
}

describe('bad notes in the vault', () => {
  let host: Host;
  let vault: string;

  beforeAll(async () => {
    vault = makeVault();
    host = await startPluginHost({ vault });
    await waitForStatus(host, 'Notes indexed', 180_000);
    await waitIdle(host);
  });
  afterAll(async () => {
    await host?.close();
    if (vault) fs.rmSync(vault, { recursive: true, force: true });
  });

  test('the status window lists each bad note with its reason; the rest of the vault is indexed', async () => {
    const { facts, text } = await statusWindow(host, { openGroups: true, screenshot: 'status-bad-notes' });
    console.log(`status window: ${text}`);
    const examples = markdownFiles(exampleVault);
    const indexed = await inPage(host, ({ engine }) => [...engine.indexer().state.notes()].map((n: { path: string }) => n.path).sort());
    for (const p of examples) expect(indexed, p).toContain(p);

    expect(text).toMatch(/Skipped \(2\)/);
    expect(text).toContain('Bad/huge.md: 21.0 MB is over the 1.0 MB limit');
    expect(text).toContain('Bad/image.md: the file holds binary data, not text');
    expect(indexed).not.toContain('Bad/huge.md');
    expect(indexed).not.toContain('Bad/image.md');
    // Indexed, with what the reader could not make sense of said in the status window.
    expect(text).toMatch(/Bad\/latin1\.md: 2 characters are not valid UTF-8/);
    expect(text).toMatch(/Bad\/broken-yaml\.md: .*(YAML|frontmatter)/i);
    expect(text).toContain("Bad/nested.md: line 1: Quotes are nested more than 64 deep; the deeper '>' markers were read as plain text.");
    expect(text).toMatch(/Indexed with warnings \(3\)/);
    for (const p of ['Bad/latin1.md', 'Bad/nested.md', 'Bad/broken-yaml.md', 'Bad/only-frontmatter.md']) expect(indexed, p).toContain(p);
    expect(Number(facts['Notes indexed'])).toBe(examples.length + 4);
    expect(facts['Vectors']).toBe(facts['Passages']);

    // The deep callout's text is searchable; the broken YAML's body too.
    const hits = await inPage(host, async ({ engine }) => {
      const search = async (q: string) => (await engine.searcher().searchNotes(q, { mode: 'lexical', limit: 3 })).map((h: { path: string }) => h.path);
      return { deep: await search('bottom very deep quote rivers'), yaml: await search('body below broken YAML bridges'), latin: await search('serves bread coffee river') };
    });
    expect(hits.deep[0]).toBe('Bad/nested.md');
    expect(hits.yaml[0]).toBe('Bad/broken-yaml.md');
    expect(hits.latin[0]).toBe('Bad/latin1.md');
    await expectNothingEscaped(host);
  });
});
