/**
 * For a link to a note that does not exist yet: the existing notes that already cover the
 * concept (a search for the link text, hybrid when a model is loaded) and the notes that
 * link to the same missing note; and the text of a new note that links to them.
 */
import type { Chunk } from '../chunking/types';
import type { NotesEngine } from '../engine/notes-engine';
import { linkpathOfTarget } from '../graph/link-resolver';
import { chunkBody, snippetAround } from './related-passage';
import type { CardAnchor, CoveringNote } from './card-types';

export const COVERING_LIMIT = 6;
/**
 * Search hits scoring under this share of the best one are left out. Search always returns
 * its nearest notes, related or not; on the example vault the fused scores fall off steeply
 * after the real matches ("Busca híbrida": 1.03, 0.90, then 0.42 and below), and a card
 * listing weak matches teaches the user to ignore it. A heuristic, not a measured optimum.
 */
export const COVERING_MIN_SHARE = 0.45;

export async function coveringNotes(engine: NotesEngine, linkpath: string, sourcePath: string, options: { excludeFolders?: readonly string[] } = {}): Promise<CoveringNote[]> {
  const linkers = [...engine.graph().linkersOfUnresolved(linkpath)].filter((p) => p !== sourcePath).sort();
  const linkerSet = new Set(linkers);
  const result: CoveringNote[] = [];
  const searcher = engine.searcher();
  if (searcher && linkpath.trim() !== '') {
    const hits = await searcher.searchNotes(linkpath, {
      limit: COVERING_LIMIT,
      filter: { excludePaths: [sourcePath], ...(options.excludeFolders ? { excludePrefixes: options.excludeFolders } : {}) },
    });
    const top = hits[0]?.score ?? 0;
    for (const hit of hits) {
      if (hit.score < top * COVERING_MIN_SHARE && !linkerSet.has(hit.path)) continue;
      const best = hit.passages[0];
      result.push({
        path: hit.path,
        title: hit.title,
        passage: best ? { line: best.startLine, heading: best.headingTrail.at(-1) ?? null, snippet: snippetAround(best.text, linkpath) } : null,
        linksToIt: linkerSet.has(hit.path),
      });
    }
  }
  const listed = new Set(result.map((r) => r.path));
  const excluded = (options.excludeFolders ?? []).map((f) => f.replace(/\/+$/, ''));
  for (const path of linkers) {
    if (listed.has(path) || excluded.some((f) => path === f || path.startsWith(`${f}/`))) continue;
    const note = engine.note(path);
    if (!note) continue;
    const chunk = note.chunks.find((c) => c.links.some((l) => linkpathOfTarget(l).toLowerCase() === linkpath.toLowerCase()));
    result.push({ path, title: note.meta.title, passage: chunk ? passageAnchor(chunk, linkpath) : null, linksToIt: true });
  }
  // Notes that already link to the missing note are certain; search hits are likely.
  return [...result.filter((r) => r.linksToIt), ...result.filter((r) => !r.linksToIt)].slice(0, COVERING_LIMIT);
}

/**
 * The new note's Markdown: a title and a "Related" list linking the covering notes, so the
 * concept is connected from the start. `linkTo` writes a link the vault's way (Obsidian's
 * `generateMarkdownLink`, or a plain `[[Title]]`).
 */
export function draftNote(title: string, covering: readonly CoveringNote[], linkTo: (path: string) => string, heading = 'Related'): string {
  const lines = [`# ${title}`, ''];
  if (covering.length > 0) lines.push(`## ${heading}`, ...covering.map((c) => `- ${linkTo(c.path)}`), '');
  return lines.join('\n');
}

function passageAnchor(chunk: Chunk, linkpath: string): CardAnchor & { snippet: string } {
  return { line: chunk.startLine, heading: chunk.headingTrail.at(-1) ?? null, snippet: snippetAround(chunkBody(chunk), linkpath) };
}
