/**
 * Concept cards: what hovering a `[[link]]` shows. For a note: its own statement of what the
 * concept is (a definition callout, else its first highlight, else its first paragraph), its
 * highlights, tags, closest related notes and backlink count, all from the index. For a link
 * to a note that does not exist yet: the notes that already cover the concept.
 */
import type { Chunk } from '../chunking/types';
import type { NotesEngine } from '../engine/notes-engine';
import type { NoteRecord } from '../index/types';
import { parseLinktext } from '../markdown/links';
import { coveringNotes } from './covering-notes';
import { chunkBody, snippetOf } from './related-passage';
import { relatedNotes } from './related';
import type { CardAnchor, CardDefinition, ConceptCard, NoteCard } from './card-types';

/** A definition on a card: a few lines. */
export const DEFINITION_LENGTH = 320;
export const CARD_HIGHLIGHTS = 5;
export const CARD_RELATED = 3;

export interface CardOptions {
  /** Folders never suggested among related or covering notes. */
  excludeFolders?: readonly string[];
}

/** The card for a link as written in `sourcePath` (`Note`, `Note#Heading`, `Folder/Note`). */
export async function conceptCard(engine: NotesEngine, linktext: string, sourcePath: string, options: CardOptions = {}): Promise<ConceptCard> {
  const { path: linkpath, subpath } = parseLinktext(linktext.trim());
  const target = linkpath === '' ? sourcePath : engine.resolveLink(linkpath, sourcePath);
  const note = target ? engine.note(target) : undefined;
  if (!note) {
    return { kind: 'unresolved', linkpath, covering: await coveringNotes(engine, linkpath, sourcePath, options) };
  }
  // The note the user is in is no news among the related ones.
  return noteCard(engine, note, subpath, { ...options, excludePaths: [sourcePath] });
}

export async function noteCard(engine: NotesEngine, note: NoteRecord, subpath = '', options: CardOptions & { excludePaths?: string[] } = {}): Promise<NoteCard> {
  const definition = definitionOf(note);
  // Highlights inside the definition are marked there, not listed again.
  const shown = new Set(definition?.highlights.map((h) => h.replace(/\s+/g, ' ').trim()) ?? []);
  const related = await relatedNotes(engine, note.path, {
    limit: CARD_RELATED,
    ...(options.excludeFolders ? { excludeFolders: options.excludeFolders } : {}),
    ...(options.excludePaths ? { excludePaths: options.excludePaths } : {}),
  });
  return {
    kind: 'note',
    path: note.path,
    title: note.meta.title,
    aliases: note.meta.aliases,
    definition,
    section: sectionOf(note, subpath),
    highlights: highlightsOf(note).filter((h) => !shown.has(h.text)).slice(0, CARD_HIGHLIGHTS),
    tags: [...new Set(note.meta.tags)],
    related: related.map((r) => ({ path: r.path, title: r.title, score: r.score, linked: r.linked })),
    backlinks: engine.graph().backlinks(note.path).size,
  };
}

/** The note's own statement of what it is about: definition callout, else first highlight, else first paragraph. */
export function definitionOf(note: NoteRecord): CardDefinition | null {
  const callout = note.chunks.find((c) => c.kind === 'definition');
  if (callout) {
    const definition: CardDefinition = { source: 'definition', ...anchorOf(callout), text: snippetOf(chunkBody(callout), DEFINITION_LENGTH), highlights: callout.highlights };
    if (callout.callout?.title) definition.calloutTitle = callout.callout.title;
    return definition;
  }
  const highlight = highlightsOf(note)[0];
  if (highlight) return { source: 'highlight', line: highlight.line, heading: highlight.heading, text: snippetOf(highlight.text, DEFINITION_LENGTH), highlights: [highlight.text] };
  const first = note.chunks.find((c) => chunkBody(c).trim() !== '');
  if (!first) return null;
  return { source: 'paragraph', ...anchorOf(first), text: snippetOf(firstParagraph(chunkBody(first)), DEFINITION_LENGTH), highlights: [] };
}

function highlightsOf(note: NoteRecord): (CardAnchor & { text: string })[] {
  const seen = new Set<string>();
  const result: (CardAnchor & { text: string })[] = [];
  for (const chunk of note.chunks) {
    for (const text of chunk.highlights) {
      const clean = text.replace(/\s+/g, ' ').trim();
      if (clean === '' || seen.has(clean)) continue;
      seen.add(clean);
      result.push({ ...anchorOf(chunk), text: clean });
    }
  }
  return result;
}

/** `#Heading` (or `#Parent#Heading`): the first chunk under that heading. */
function sectionOf(note: NoteRecord, subpath: string): (CardAnchor & { text: string }) | null {
  const heading = subpath.startsWith('#') && !subpath.startsWith('#^') ? subpath.split('#').filter(Boolean).at(-1)?.trim().toLowerCase() : undefined;
  if (!heading) return null;
  const chunk = note.chunks.find((c) => c.headingTrail.at(-1)?.toLowerCase() === heading);
  return chunk ? { ...anchorOf(chunk), text: snippetOf(chunkBody(chunk), DEFINITION_LENGTH) } : null;
}

function anchorOf(chunk: Chunk): CardAnchor {
  return { line: chunk.startLine, heading: chunk.headingTrail.at(-1) ?? null };
}

function firstParagraph(text: string): string {
  const blank = text.search(/\n\s*\n/);
  return blank > 0 ? text.slice(0, blank) : text;
}
