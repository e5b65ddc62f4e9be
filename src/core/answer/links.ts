/** Wikilink targets for cited passages, written the way Obsidian itself writes them. */
import type { Passage } from '../retrieval/types';
import type { Citation } from './types';

/**
 * Characters that cannot appear in a link subpath because they end or split the link: `#` and `^`
 * start subpaths, `|` starts the alias, `[[`/`]]` delimit it, `%%` opens a comment, `:` is
 * dropped by Obsidian too. This mirrors Obsidian's `stripHeadingForLink` (what the link suggester
 * and "Copy link to heading" write): each bad sequence becomes a space, runs of spaces collapse.
 * Obsidian resolves a heading subpath by comparing both sides with the same spaces-for-symbols
 * normalisation, so `[[Note#RAG como funciona]]` opens the heading "RAG: como funciona".
 * It is reimplemented rather than imported because the core must run outside Obsidian.
 */
export function headingToLinkSubpath(heading: string): string {
  return heading
    .replace(/[:#|^\\\r\n]|%%|\[\[|\]\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface LinkOptions {
  /**
   * The link path for a note; defaults to the title. Obsidian needs more than the basename when two
   * notes share it — the app adapter should pass `metadataCache.fileToLinktext`.
   */
  linkpath?: (passage: Passage) => string;
}

export function citationFor(passage: Passage, options: LinkOptions = {}): Citation {
  const linkpath = options.linkpath ? options.linkpath(passage) : passage.title;
  const heading = passage.headingTrail[passage.headingTrail.length - 1];
  // A note whose only heading repeats its title (the usual "# Title" first line) needs no subpath.
  const onlyTitle = passage.headingTrail.length === 1 && heading !== undefined && heading.trim() === passage.title.trim();
  const subpath = heading === undefined || onlyTitle ? '' : headingToLinkSubpath(heading);
  let linktext = linkpath;
  if (passage.blockId) linktext = `${linkpath}#^${passage.blockId}`;
  else if (subpath) linktext = `${linkpath}#${subpath}`;
  const citation: Citation = { path: passage.path, title: passage.title, line: passage.startLine, linktext };
  if (heading !== undefined) citation.heading = heading;
  if (passage.blockId) citation.blockId = passage.blockId;
  return citation;
}
