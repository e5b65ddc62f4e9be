/**
 * The shapes a parsed note takes. Field names and shapes follow Obsidian's
 * `CachedMetadata` (obsidian.d.ts) so the same consumer code can read either a
 * `NoteDoc` from our parser (CLI, worker, callouts/highlights) or Obsidian's
 * own metadata cache inside the app.
 */

/** A point in the text. `line` and `col` are 0-based; `offset` counts UTF-16 code units like JS strings. */
export interface Loc {
  line: number;
  col: number;
  offset: number;
}

export interface Pos {
  start: Loc;
  end: Loc;
}

export interface CacheItem {
  position: Pos;
}

/** A wikilink, embed or Markdown link to a note. */
export interface ReferenceCache extends CacheItem {
  /** Link target as Obsidian stores it: `Note`, `Note#Heading`, `#Heading`, `Note#^block`, `file.md`. */
  link: string;
  /** The exact source text, e.g. `[[Note|alias]]`. */
  original: string;
  /** What Obsidian would display: alias, or `Note > Heading` for heading links. */
  displayText?: string;
}

export type LinkCache = ReferenceCache;
export type EmbedCache = ReferenceCache;

export interface FrontmatterLinkCache {
  key: string;
  link: string;
  original: string;
  displayText?: string;
}

export interface HeadingCache extends CacheItem {
  heading: string;
  level: number;
}

export interface TagCache extends CacheItem {
  /** Includes the leading `#`, as Obsidian stores it. */
  tag: string;
}

export interface BlockCache extends CacheItem {
  id: string;
}

export interface SectionCache extends CacheItem {
  id?: string;
  /** `yaml`, `heading`, `paragraph`, `list`, `code`, `callout`, `blockquote`, `table`, `thematicBreak`, `math`, `comment`, `html`, `footnoteDefinition`. */
  type: string;
}

export interface ListItemCache extends CacheItem {
  id?: string;
  /** Checkbox character, absent for plain list items. */
  task?: string;
  /** Line of the parent item, or a negative number (minus the first line of the list) for roots. */
  parent: number;
}

export type FrontMatterValue = unknown;
export type FrontMatterCache = Record<string, FrontMatterValue>;

/** Fold state of a callout: `+` open, `-` collapsed, `''` not foldable. */
export type CalloutFold = '+' | '-' | '';

/** A callout (`> [!type]± title`). Not in Obsidian's metadata cache; our own extension. */
export interface CalloutCache extends CacheItem {
  /** Lower-cased type, e.g. `info` for `[!INFO]`. Type matching is case-insensitive. */
  type: string;
  /** Title exactly as written (e.g. `Definição`), or '' when the author wrote none. */
  title: string;
  fold: CalloutFold;
  /** 0 for a top-level callout, 1 for a callout inside a callout, and so on. */
  depth: number;
  /** Index (into `callouts`) of the enclosing callout, if nested. */
  parent?: number;
  /** Range of the body lines (after the title line), or null when the callout has no body. */
  body: Pos | null;
  /** The body as plain Markdown with the `>` markers removed (nested callouts' own lines included). */
  bodyText: string;
}

/** A `==highlight==`. Not in Obsidian's metadata cache; our own extension. */
export interface HighlightCache extends CacheItem {
  /** Text between the `==` markers. */
  text: string;
  /** Index (into `callouts`) of the innermost callout containing it, if any. */
  callout?: number;
}

export interface ParseWarning {
  /** Machine-readable kind, e.g. `yaml`, `binary`, `too-large`. */
  code: string;
  message: string;
  /** 0-based line the problem is on, when known. */
  line?: number;
}

/**
 * Everything we know about one note: a superset of Obsidian's CachedMetadata.
 * Arrays are always present (possibly empty) so consumers never null-check;
 * `frontmatter*` stay undefined when the note has no frontmatter block, as in Obsidian.
 */
export interface NoteDoc {
  links: LinkCache[];
  embeds: EmbedCache[];
  headings: HeadingCache[];
  tags: TagCache[];
  sections: SectionCache[];
  listItems: ListItemCache[];
  blocks: Record<string, BlockCache>;
  frontmatter?: FrontMatterCache;
  frontmatterLinks?: FrontmatterLinkCache[];
  frontmatterPosition?: Pos;

  callouts: CalloutCache[];
  highlights: HighlightCache[];
  /** Frontmatter `aliases` (and legacy `alias`) normalised to a list of strings. */
  aliases: string[];
  /** Frontmatter tags plus inline tags, each with a leading `#`, in document order, like `getAllTags`. */
  allTags: string[];
  warnings: ParseWarning[];
}
