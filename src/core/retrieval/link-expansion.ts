/**
 * One hop along the wikilinks of the best passages: a passage that says "essa etapa é o
 * [[Fine-tuning (ajuste fino)|ajuste fino]]" points at the note that explains that step, which
 * the question's words may not reach. The linked chunk is the one the link targets: the
 * `#Heading` section when the link names one, else the note's definition, else its opening.
 */
import type { Chunk } from '../chunking/types';
import type { NoteRecord } from '../index/types';
import { linkpathOfTarget } from '../graph/link-resolver';
import { fold } from '../answer/text';

export interface LinkTarget {
  path: string;
  chunk: Chunk;
}

export interface LinkLookup {
  resolveLink(linkpath: string, sourcePath: string): string | null;
  note(path: string): NoteRecord | undefined;
}

/** The chunks a passage's links point at, in link order, without repeats or the passage's own note. */
export function linkTargets(lookup: LinkLookup, from: { path: string; links: readonly string[] }): LinkTarget[] {
  const out: LinkTarget[] = [];
  const seen = new Set<string>();
  for (const link of from.links) {
    const linkpath = linkpathOfTarget(link);
    if (!linkpath) continue;
    const path = lookup.resolveLink(linkpath, from.path);
    if (!path || path === from.path) continue;
    const note = lookup.note(path);
    if (!note || note.chunks.length === 0) continue;
    const chunk = targetChunk(note, subpathOf(link));
    if (!chunk || seen.has(chunk.id)) continue;
    seen.add(chunk.id);
    out.push({ path, chunk });
  }
  return out;
}

function subpathOf(link: string): string | undefined {
  const hash = link.indexOf('#');
  return hash >= 0 ? link.slice(hash + 1).trim() : undefined;
}

/** The chunk a link lands on; a block link `#^id` or heading `#H` when it matches one, else the note's lead. */
export function targetChunk(note: NoteRecord, subpath?: string): Chunk | undefined {
  if (subpath) {
    if (subpath.startsWith('^')) {
      const id = subpath.slice(1);
      const block = note.chunks.find((c) => c.blockId === id);
      if (block) return block;
    } else {
      // Obsidian matches headings with symbols reduced to spaces; folding covers case and accents too.
      const wanted = headingKey(subpath.split('#').pop() ?? '');
      const section = note.chunks.find((c) => headingKey(c.headingTrail[c.headingTrail.length - 1] ?? '') === wanted);
      if (section) return section;
    }
  }
  return leadChunk(note);
}

/** What a note says first about its subject: its definition callout, else its first chunk. */
export function leadChunk(note: NoteRecord): Chunk | undefined {
  const byLine = [...note.chunks].sort((a, b) => a.startLine - b.startLine);
  return byLine.find((c) => c.kind === 'definition') ?? byLine[0];
}

function headingKey(heading: string): string {
  return fold(heading).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
