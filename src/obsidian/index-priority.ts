/**
 * What to index first: the note the user looks at, then the notes most likely to be related
 * to it (the notes it links to and those linking to it, from the metadata cache, which knows
 * them from the start; then its keyword neighbours once the keyword index has it), so the
 * related view has results for the active note within seconds while a big vault takes many
 * minutes to embed (one WASM worker embeds ~3 chunks of 256 tokens per second with e5-small).
 */
import type { MetadataCache } from 'obsidian';
import type { IndexState } from '../core/index/index-state';

/** Neighbours beyond this many add little to the first related list and delay it. */
export const PRIORITY_NEIGHBOURS = 24;
/** Keyword neighbours among them (best BM25 matches of the note's title and aliases). */
const KEYWORD_NEIGHBOURS = 8;

export function indexPriority(metadataCache: MetadataCache, state: IndexState | null, active: string): string[] {
  const list = new Set<string>([active]);
  const add = (path: string): void => {
    if (list.size <= PRIORITY_NEIGHBOURS && path.endsWith('.md')) list.add(path);
  };
  const resolved = metadataCache.resolvedLinks as Record<string, Record<string, number>> | undefined;
  const outgoing = resolved?.[active] ?? {};
  // Most-linked first: a note linked several times is more central to this one.
  for (const [path] of Object.entries(outgoing).sort((a, b) => b[1] - a[1])) add(path);
  if (resolved) {
    for (const [source, targets] of Object.entries(resolved)) {
      if (list.size > PRIORITY_NEIGHBOURS) break;
      if (targets[active]) add(source);
    }
  }
  for (const path of keywordNeighbours(state, active)) add(path);
  return [...list];
}

function keywordNeighbours(state: IndexState | null, active: string): string[] {
  const note = state?.note(active);
  const lexical = state?.lexical;
  if (!state || !note || !lexical) return [];
  const query = [note.meta.title, ...note.meta.aliases].join(' ');
  const paths: string[] = [];
  for (const hit of lexical.search(query, KEYWORD_NEIGHBOURS * 4)) {
    const path = state.chunk(hit.chunkId)?.note.path;
    if (path && path !== active && !paths.includes(path)) paths.push(path);
    if (paths.length >= KEYWORD_NEIGHBOURS) break;
  }
  return paths;
}
