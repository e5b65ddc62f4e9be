import { TextFinder } from './text-finder';
import { wikilinkEnd } from './inline-scan';

/**
 * How Obsidian turns link syntax into the `link` / `displayText` it caches. Every rule
 * here is pinned by the oracle (`all_link_types`, `link_in_task_wikilink`,
 * `link_in_task_markdown_link`):
 * - `[[target|alias]]` splits at the FIRST `|`, unless nothing precedes it: `[[|alias]]`
 *   caches the link `|alias`. The alias may itself hold `|` (`[[#h||x]]` shows `|x`).
 * - Without an alias the display text is the target's `#` parts joined by ` > `, empty
 *   parts dropped: `Note#h1#h2` shows `Note > h1 > h2`, `#^block` shows `^block`.
 * - Markdown link destinations are percent-decoded (`Test%20Data/x.md` caches
 *   `Test Data/x.md`); the display text is the bracket text as written.
 * - Destinations with a URL scheme (`https:`, `obsidian:`, `mailto:`) and empty ones are
 *   not cached at all.
 */
export interface LinkParts {
  link: string;
  displayText: string;
}

/** Splits the inside of `[[...]]` into target and display text. */
export function wikilinkParts(inner: string): LinkParts {
  const bar = inner.indexOf('|');
  if (bar > 0) {
    let link = inner.slice(0, bar);
    // Inside tables the alias bar is written `\|`; the backslash is not part of the target.
    if (link.endsWith('\\')) link = link.slice(0, -1);
    return { link, displayText: inner.slice(bar + 1) };
  }
  return { link: inner, displayText: defaultDisplayText(inner) };
}

export function defaultDisplayText(link: string): string {
  return link
    .split('#')
    .filter((part) => part !== '')
    .join(' > ');
}

const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** The cached target of a Markdown link destination, or null when Obsidian caches none. */
export function markdownLinkTarget(destination: string): string | null {
  const unescaped = destination.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  if (unescaped.trim() === '' || URL_SCHEME.test(unescaped)) return null;
  return safeDecode(unescaped);
}

function safeDecode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The file part of a link target, without `#heading` or `#^block` (Obsidian's `getLinkpath`). */
export function linkpathOf(link: string): string {
  const hash = link.indexOf('#');
  return hash === -1 ? link : link.slice(0, hash);
}

/** Splits a link target into path and subpath (`#heading`, `#^block`, or ''), like Obsidian's `parseLinktext`. */
export function parseLinktext(link: string): { path: string; subpath: string } {
  const hash = link.indexOf('#');
  return hash === -1 ? { path: link, subpath: '' } : { path: link.slice(0, hash), subpath: link.slice(hash) };
}

/** Every `[[wikilink]]` in a plain string, e.g. a frontmatter value. */
export function wikilinksIn(text: string): Array<LinkParts & { original: string }> {
  const found: Array<LinkParts & { original: string }> = [];
  const finder = new TextFinder(text);
  let i = finder.next('[[', 0);
  while (i !== -1) {
    const end = wikilinkEnd(text, i, finder);
    if (end === -1) {
      i = finder.next('[[', i + 1);
      continue;
    }
    found.push({ ...wikilinkParts(text.slice(i + 2, end - 2)), original: text.slice(i, end) });
    i = finder.next('[[', end);
  }
  return found;
}
