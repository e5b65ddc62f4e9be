import { describe, expect, it } from 'vitest';
import { citationFor, headingToLinkSubpath } from '../../../src/core/answer/links';
import { passage } from './fixtures';

describe('headingToLinkSubpath', () => {
  it.each([
    // What Obsidian's link suggester writes for these headings.
    ['RAG: como funciona', 'RAG como funciona'],
    ['C# #tips', 'C tips'],
    ['a | b', 'a b'],
    ['Nota ^importante', 'Nota importante'],
    ['Ver [[Outra nota]]', 'Ver Outra nota'],
    ['Tarefas %%oculto%%', 'Tarefas oculto'],
    ['caminho\\windows', 'caminho windows'],
    ['  Espaços   demais  ', 'Espaços demais'],
  ])('%j → %j', (heading, subpath) => {
    expect(headingToLinkSubpath(heading)).toBe(subpath);
  });

  it('keeps punctuation that links tolerate, and accents', () => {
    expect(headingToLinkSubpath('Transfer Learning (aprendizado por transferência)')).toBe('Transfer Learning (aprendizado por transferência)');
    expect(headingToLinkSubpath('O que é? Um exemplo!')).toBe('O que é? Um exemplo!');
  });
});

describe('citationFor', () => {
  it('links to the last heading of the trail', () => {
    const p = passage({ path: 'IA/RAG.md', headingTrail: ['RAG', 'RAG: como funciona'], startLine: 12, text: 'x' });
    expect(citationFor(p)).toEqual({ path: 'IA/RAG.md', title: 'RAG', heading: 'RAG: como funciona', line: 12, linktext: 'RAG#RAG como funciona' });
  });

  it('prefers the block id when the passage has one', () => {
    const p = passage({ path: 'ML/Attention.md', headingTrail: ['Attention', 'Heads'], blockId: 'qkv', text: 'x' });
    expect(citationFor(p).linktext).toBe('Attention#^qkv');
    expect(citationFor(p).blockId).toBe('qkv');
  });

  it('links to the note alone when it has no heading, or only the heading that repeats its title', () => {
    expect(citationFor(passage({ path: 'Solta.md', headingTrail: [], text: 'x' })).linktext).toBe('Solta');
    expect(citationFor(passage({ path: 'IA/RAG.md', headingTrail: ['RAG'], text: 'x' })).linktext).toBe('RAG');
  });

  it('falls back to the note when the heading is nothing but link-breaking characters', () => {
    expect(citationFor(passage({ path: 'A.md', headingTrail: ['A', '::'], text: 'x' })).linktext).toBe('A');
  });

  it('uses the link path the app resolves when notes share a name', () => {
    const p = passage({ path: 'Projetos/Ideias.md', headingTrail: ['Ideias', 'Fila'], text: 'x' });
    expect(citationFor(p, { linkpath: (x) => x.path.replace(/\.md$/, '') }).linktext).toBe('Projetos/Ideias#Fila');
  });
});
