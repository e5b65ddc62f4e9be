import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinkResolver, LinkGraph } from '../../../src/core/graph';
import { parseNote } from '../../../src/core/markdown';
import { repoRoot, sharedPath } from '../../helpers/shared';

describe('createLinkResolver (Obsidian getFirstLinkpathDest rules)', () => {
  const resolve = createLinkResolver(['A/Nota.md', 'B/Nota.md', 'Nota longa.md', 'Pasta/Sub/Alvo.md', 'Raiz.md', 'img.png']);

  it('resolves by file name, case-insensitively, ignoring heading and block parts', () => {
    expect(resolve('raiz', 'x.md')).toBe('Raiz.md');
    expect(resolve('Raiz#Seção', 'x.md')).toBe('Raiz.md');
    expect(resolve('Raiz#^bloco', 'x.md')).toBe('Raiz.md');
    expect(resolve('Raiz.md', 'x.md')).toBe('Raiz.md');
  });

  it('prefers the note in the linking note\'s folder, then the shortest path', () => {
    expect(resolve('Nota', 'B/outra.md')).toBe('B/Nota.md');
    expect(resolve('Nota', 'C/outra.md')).toBe('A/Nota.md');
  });

  it('resolves full paths, path suffixes, relative paths and URL-encoded Markdown links', () => {
    expect(resolve('Pasta/Sub/Alvo', 'x.md')).toBe('Pasta/Sub/Alvo.md');
    expect(resolve('Sub/Alvo', 'x.md')).toBe('Pasta/Sub/Alvo.md');
    expect(resolve('../Raiz.md', 'Pasta/y.md')).toBe('Raiz.md');
    expect(resolve('Nota%20longa.md', 'x.md')).toBe('Nota longa.md');
  });

  it('returns null for notes that do not exist and the source itself for same-note links', () => {
    expect(resolve('Mixture of Experts', 'x.md')).toBeNull();
    expect(resolve('#Seção', 'Raiz.md')).toBe('Raiz.md');
  });
});

describe('LinkGraph on the example vault', () => {
  const vault = path.join(repoRoot, 'examples/vault');
  const files = [
    'RAG (Retrieval Augmented Generation).md', 'Embeddings.md', 'Busca vetorial.md', 'Banco de dados vetorial.md',
    'Fundamentos/Overfitting.md', 'Fundamentos/Redes neurais.md', 'Fine-tuning (ajuste fino).md', 'Quantização.md',
  ];
  const notes = files.map((p) => ({ path: p, links: [...parseNote(readFileSync(path.join(vault, p), 'utf8')).links.map((l) => l.link)] }));
  const graph = new LinkGraph(notes, createLinkResolver(files));

  it('knows who links to whom', () => {
    expect(graph.outgoing('RAG (Retrieval Augmented Generation).md').has('Embeddings.md')).toBe(true);
    expect(graph.backlinks('Embeddings.md').has('RAG (Retrieval Augmented Generation).md')).toBe(true);
    expect(graph.isLinked('Embeddings.md', 'RAG (Retrieval Augmented Generation).md')).toBe(true);
    expect(graph.isLinked('Banco de dados vetorial.md', 'RAG (Retrieval Augmented Generation).md')).toBe(false);
  });

  it('finds notes two hops away and links shared by two notes', () => {
    expect(graph.twoHop('Banco de dados vetorial.md').has('RAG (Retrieval Augmented Generation).md')).toBe(true);
    expect(graph.sharedTargets('RAG (Retrieval Augmented Generation).md', 'Busca vetorial.md')).toContain('Embeddings.md');
  });

  it('keeps links to notes not written yet, so a card can show who mentions them', () => {
    expect(graph.unresolved('Fundamentos/Overfitting.md').has('Gradiente descendente')).toBe(true);
    expect([...graph.linkersOfUnresolved('gradiente descendente')].sort()).toEqual(['Fundamentos/Overfitting.md', 'Fundamentos/Redes neurais.md']);
    expect(graph.sharedTargets('Fine-tuning (ajuste fino).md', 'Quantização.md')).toContain('Destilação de modelos');
  });

});

describe('createLinkResolver against Obsidian\'s own resolution', () => {
  const dir = sharedPath('oracles', 'obsidian-metadata');
  // The recorded vault's files: every note that links anywhere, and every file something links to.
  const resolved = JSON.parse(readFileSync(path.join(dir, 'metadataCache', 'resolvedLinks.json'), 'utf8')) as Record<string, Record<string, number>>;
  const vaultFiles = new Set([...Object.keys(resolved), ...Object.values(resolved).flatMap((targets) => Object.keys(targets))]);
  const resolve = createLinkResolver(vaultFiles);
  const cases = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => {
      const data = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { filePath: string; resolveLinkToPath: Record<string, string> };
      return Object.entries(data.resolveLinkToPath).map(([link, expected]) => ({ source: data.filePath, link, expected }));
    });

  it('resolves every link the recorded vault resolved, to the same file', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
    for (const c of cases) expect({ ...c, got: resolve(c.link, c.source) }).toEqual({ ...c, got: c.expected });
  });
});
