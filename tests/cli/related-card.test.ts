import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../../src/cli/args';
import type { CliIo, Command } from '../../src/cli/command';
import { commands } from '../../src/cli/commands';
import { cardCommand } from '../../src/cli/commands/card';
import { relatedCommand } from '../../src/cli/commands/related';
import { exampleVault } from '../helpers/example-engine';
import { sharedPath } from '../helpers/shared';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function run(command: Command, argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), errIsTty: false };
  const indexDir = mkdtempSync(path.join(os.tmpdir(), 'amn-cli-related-'));
  dirs.push(indexDir);
  const code = await command.run(parseCommandArgs(command, [...argv, '--vault', exampleVault, '--index-dir', indexDir]), io);
  return { code, out, err };
}

const glove = ['--models-dir', path.dirname(sharedPath('models', 'glove-pt-en-100d')), '--model', 'glove-pt-en-100d'];
const noModel = ['--models-dir', path.dirname(sharedPath('models', 'glove-pt-en-100d')), '--model', 'no-such-model', '--no-download'];

describe('ask-my-notes related', () => {
  it('is listed once among the commands', () => {
    expect(commands.filter((c) => c.name === 'related' || c.name === 'card').map((c) => c.name)).toEqual(['related', 'card']);
  });

  it('--json: related notes of RAG with passages and shared links (GloVe model)', async () => {
    const { code, out } = await run(relatedCommand, ['RAG (Retrieval Augmented Generation).md', '--json', '--k', '5', ...glove]);
    expect(code).toBe(0);
    const json = JSON.parse(out.at(-1)!) as { note: string; basis: string; results: { path: string; score: number; linked: boolean; sharedLinks: string[]; passage: { heading: string | null; line: number; snippet: string } }[] };
    expect(json.note).toBe('RAG (Retrieval Augmented Generation).md');
    expect(json.basis).toBe('semantic');
    expect(json.results).toHaveLength(5);
    expect(json.results.map((r) => r.path)).toEqual(expect.arrayContaining(['Busca vetorial.md', 'Embeddings.md']));
    for (const r of json.results) {
      expect(r.passage.line).toBeGreaterThan(0);
      expect(r.passage.snippet.length).toBeGreaterThan(0);
    }
  });

  it('without a model: keyword relatedness, and says so', async () => {
    const { code, out, err } = await run(relatedCommand, ['RAG (Retrieval Augmented Generation)', ...noModel]);
    expect(code).toBe(0);
    expect(err.join('\n')).toMatch(/related by its key terms instead/);
    expect(out[0]).toBe('Related to RAG (Retrieval Augmented Generation).md (key terms as keywords + links)');
    expect(out.join('\n')).toMatch(/Busca vetorial\.md .*linked both ways/);
  });

  it('--unlinked lists only notes not linked yet', async () => {
    const { out } = await run(relatedCommand, ['Busca vetorial.md', '--unlinked', '--json', ...glove]);
    const json = JSON.parse(out.at(-1)!) as { results: { path: string; linked: boolean }[] };
    expect(json.results.length).toBeGreaterThan(0);
    expect(json.results.every((r) => !r.linked)).toBe(true);
    expect(json.results.map((r) => r.path)).toContain('Banco de dados vetorial.md');
  });

  it('names the problem when the note is not in the vault', async () => {
    await expect(run(relatedCommand, ['No such note.md', ...noModel])).rejects.toThrow(/"No such note.md" is not an indexed note/);
  });
});

describe('ask-my-notes card', () => {
  it('prints the concept card of a note', async () => {
    const { code, out } = await run(cardCommand, ['Embeddings', ...glove]);
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(out[0]).toMatch(/^Embeddings {2}\(Embeddings\.md, \d+ backlinks, #/);
    expect(text).toMatch(/^Definição \(line 8\): Um embedding é um vetor/m);
    expect(text).toMatch(/^Related: /m);
  });

  it('--json for a link to a missing note: covering notes and the draft', async () => {
    const { out } = await run(cardCommand, ['[[Busca híbrida]]', '--json', ...noModel]);
    const card = JSON.parse(out.at(-1)!) as { kind: string; linkpath: string; covering: { path: string; linksToIt: boolean; passage: { line: number } | null }[] };
    expect(card).toMatchObject({ kind: 'unresolved', linkpath: 'Busca híbrida' });
    expect(card.covering.filter((c) => c.linksToIt).map((c) => c.path).sort()).toEqual(['BM25 (busca lexical).md', 'Busca vetorial.md']);
    const human = await run(cardCommand, ['Busca híbrida', ...noModel]);
    expect(human.out.join('\n')).toContain('"Create note" would write Busca híbrida.md:\n  # Busca híbrida');
  });
});
