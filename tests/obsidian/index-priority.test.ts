import type { MetadataCache } from 'obsidian';
import { describe, expect, it } from 'vitest';
import { IndexState } from '../../src/core/index/index-state';
import { LexicalIndex } from '../../src/core/index/lexical/lexical-index';
import type { NoteRecord } from '../../src/core/index/types';
import { indexPriority, PRIORITY_NEIGHBOURS } from '../../src/obsidian/index-priority';

const note = (path: string, text: string): NoteRecord => ({
  path,
  mtime: 1,
  size: 1,
  contentHash: path,
  meta: { title: path.replace(/\.md$/, ''), aliases: [], tags: [], links: [], warnings: [] },
  language: 'en',
  indexedAt: 0,
  processor: 'v1',
  chunks: [{ id: `${path}#0`, path, hash: path, kind: 'section', headingTrail: [], startLine: 0, endLine: 0, text, links: [], embeds: [], highlights: [], tokens: 5 }],
});

const cache = (resolvedLinks: Record<string, Record<string, number>>): MetadataCache => ({ resolvedLinks }) as unknown as MetadataCache;

describe('indexPriority', () => {
  it('puts the active note first, then the notes it links to (most-linked first), then notes linking to it, then keyword neighbours', () => {
    const links = cache({
      'Active.md': { 'Once.md': 1, 'Often.md': 3, 'image.png': 2 },
      'Backlink.md': { 'Active.md': 1 },
      'Unrelated.md': { 'Once.md': 1 },
    });
    const state = new IndexState(0);
    state.lexical = new LexicalIndex();
    for (const n of [note('Active.md', 'gardening tips'), note('Garden notes.md', 'active gardening'), note('Other.md', 'nothing here')]) state.setNote(n, []);
    // Keyword neighbours: notes matching the active note's title (here in their text), after the link neighbours.
    expect(indexPriority(links, state, 'Active.md')).toEqual(['Active.md', 'Often.md', 'Once.md', 'Backlink.md', 'Garden notes.md']);
    expect(indexPriority(cache({}), state, 'Garden notes.md')).toEqual(['Garden notes.md', 'Active.md']);
    // Only once the keyword index holds them.
    expect(indexPriority(cache({}), state, 'Gardens.md')).toEqual(['Gardens.md']);
    state.setNote(note('Gardens.md', 'garden'), []);
    expect(indexPriority(cache({}), state, 'Gardens.md')).toEqual(['Gardens.md', 'Garden notes.md', 'Active.md']);
    expect(indexPriority(cache({}), state, 'Other.md')).toEqual(['Other.md']);
  });

  it('stops after the neighbour limit and works without a keyword index', () => {
    const many: Record<string, number> = {};
    for (let i = 0; i < 100; i++) many[`n${i}.md`] = 1;
    const list = indexPriority(cache({ 'Active.md': many }), null, 'Active.md');
    expect(list[0]).toBe('Active.md');
    expect(list.length).toBe(PRIORITY_NEIGHBOURS + 1);
  });
});
