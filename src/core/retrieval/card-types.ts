/** What a concept hover card shows, for a note that exists and for one that does not yet. */

/** Where in the note a piece of the card comes from, so a click can open it there. */
export interface CardAnchor {
  /** 0-based first line. */
  line: number;
  /** Innermost heading above it, or null. */
  heading: string | null;
}

export interface CardDefinition extends CardAnchor {
  /**
   * `definition`: a definition callout (`> [!info] Definição`, `[!definition]`, `[!abstract]`…);
   * `highlight`: the note has none, so its first `==highlight==`; `paragraph`: neither, so its first paragraph.
   */
  source: 'definition' | 'highlight' | 'paragraph';
  /** Plain text (Markdown stripped, link aliases kept), cut to a card's length. */
  text: string;
  /** `==highlights==` inside that text, to mark them. */
  highlights: string[];
  /** The callout's title as written (e.g. `Definição`), for a definition callout. */
  calloutTitle?: string;
}

export interface CardRelated {
  path: string;
  title: string;
  score: number;
  linked: boolean;
}

export interface NoteCard {
  kind: 'note';
  path: string;
  title: string;
  aliases: string[];
  definition: CardDefinition | null;
  /** The linked `#heading` section, when the link points into the note. */
  section: (CardAnchor & { text: string }) | null;
  /** Up to five `==highlights==` in note order, with where each is; those inside the definition are marked there instead. */
  highlights: (CardAnchor & { text: string })[];
  /** With the leading `#`. */
  tags: string[];
  related: CardRelated[];
  backlinks: number;
}

export interface CoveringNote {
  path: string;
  title: string;
  /** The passage that covers the concept (null for a note that only links to it). */
  passage: (CardAnchor & { snippet: string }) | null;
  /** It already links to the missing note. */
  linksToIt: boolean;
}

export interface UnresolvedCard {
  kind: 'unresolved';
  /** The link target as written, without `#subpath` (the name the new note would get). */
  linkpath: string;
  /** Existing notes that already cover the concept: keyword/semantic matches, then notes linking to it. */
  covering: CoveringNote[];
}

export type ConceptCard = NoteCard | UnresolvedCard;
