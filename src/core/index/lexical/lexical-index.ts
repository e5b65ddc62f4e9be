/**
 * BM25 keyword search over chunks (MiniSearch), with our own analysis: documents are
 * analysed before MiniSearch sees them (it only splits on spaces), so each note is stemmed
 * in its own language, and accents, stopwords and stemming behave the same in documents
 * and queries.
 */
import MiniSearch, { type AsPlainObject, type SearchOptions } from 'minisearch';
import { analyze, analyzeQuery } from '../../text/analyzer';
import { hash64 } from '../hash';
import type { NoteRecord } from '../types';

interface LexicalDocument {
  id: string;
  title: string;
  aliases: string;
  headings: string;
  text: string;
}

export const LEXICAL_FIELDS = ['title', 'aliases', 'headings', 'text'] as const;

/**
 * Field boosts, kept mild on purpose. Title and aliases are copied onto every chunk of a
 * note, so a strong boost lets any title word lift every chunk of that note above chunks
 * that actually discuss the query. Lexical MRR on the 50 questions of tests/eval (production
 * chunker; example / help vault): title 3, aliases 2.5, headings 1.5 → 0.792 / 0.522;
 * 2 / 2 / 1.2 → 0.811 / 0.538; 1.5 / 1.5 / 1.2 → 0.814 / 0.590; no boost → 0.814 / 0.586.
 */
const BOOST = { title: 1.5, aliases: 1.5, headings: 1.2, text: 1 };

const splitTerms = (text: string): string[] => (text.length === 0 ? [] : text.split(' '));

export const MINISEARCH_OPTIONS = {
  fields: [...LEXICAL_FIELDS],
  storeFields: [] as string[],
  tokenize: splitTerms,
  processTerm: (term: string) => (term.length > 0 ? term : null),
  // Replaced chunks are removed exactly (see removeNote); the rare discards are purged by
  // purgeDiscarded, synchronously, which a background vacuum in progress would defer.
  autoVacuum: false,
};

/**
 * Prefix and fuzzy matching, conservatively: they apply to stems, which are already cut
 * short, so prefix only for stems of 5+ letters (a partially typed word) and one typo only
 * in stems of 7+ letters; both weigh less than an exact match.
 */
const SEARCH_OPTIONS: SearchOptions = {
  boost: BOOST,
  combineWith: 'OR',
  prefix: (term: string) => term.length >= 5,
  fuzzy: (term: string) => (term.length >= 7 ? 1 : false),
  weights: { prefix: 0.3, fuzzy: 0.25 },
};

export interface LexicalHit {
  chunkId: string;
  score: number;
}

/** The MiniSearch documents of a note's chunks: fields analysed in the note's language. */
function lexicalDocuments(note: NoteRecord): LexicalDocument[] {
  const title = analyze(note.meta.title, note.language).join(' ');
  const aliases = analyze(note.meta.aliases.join(' '), note.language).join(' ');
  return note.chunks.map((chunk) => ({
    id: chunk.id,
    title,
    aliases,
    headings: analyze(chunk.headingTrail.join(' '), note.language).join(' '),
    text: analyze(chunk.text, note.language).join(' '),
  }));
}

/** Per note: what is indexed, so a reloaded snapshot can be reconciled with the notes. */
export interface IndexedNoteEntry {
  stamp: string;
  chunkIds: string[];
}

/** Changes whenever anything the lexical index holds for the note changes. */
export function lexicalStamp(note: NoteRecord): string {
  return hash64(
    JSON.stringify([note.meta.title, note.meta.aliases, note.language, note.chunks.map((c) => [c.id, c.headingTrail])]),
  );
}

export class LexicalIndex {
  private readonly engine: MiniSearch<LexicalDocument>;
  private readonly notes: Map<string, IndexedNoteEntry>;

  constructor(search?: MiniSearch<LexicalDocument>, notes?: Map<string, IndexedNoteEntry>) {
    this.engine = search ?? new MiniSearch<LexicalDocument>(MINISEARCH_OPTIONS);
    this.notes = notes ?? new Map<string, IndexedNoteEntry>();
  }

  get documentCount(): number {
    return this.engine.documentCount;
  }

  /** Indexed notes and their stamps. */
  entries(): ReadonlyMap<string, IndexedNoteEntry> {
    return this.notes;
  }

  isCurrent(note: NoteRecord): boolean {
    return this.notes.get(note.path)?.stamp === lexicalStamp(note);
  }

  /** Adds or replaces a note's chunks. */
  setNote(note: NoteRecord): void {
    this.removeNote(note.path);
    const documents = lexicalDocuments(note);
    this.engine.addAll(documents);
    this.notes.set(note.path, { stamp: lexicalStamp(note), chunkIds: documents.map((d) => d.id) });
  }

  /**
   * Removes a note's chunks. Given the record they were indexed from (`previous`, checked
   * against the stored stamp), their postings are removed exactly. Otherwise they are only
   * discarded, and MiniSearch drops a discarded chunk's postings lazily, one occurrence per
   * search that meets it; until then the chunk still counts in its terms' document
   * frequencies for the results scored before it, so BM25 scores differ from a fresh index
   * (found by tests/faults/soak.test.ts). `purgeDiscarded` ends that.
   */
  removeNote(path: string, previous?: NoteRecord): void {
    const entry = this.notes.get(path);
    if (!entry) return;
    if (previous && previous.path === path && entry.stamp === lexicalStamp(previous)) {
      for (const document of lexicalDocuments(previous)) {
        if (this.engine.has(document.id)) this.engine.remove(document);
      }
    } else {
      for (const id of entry.chunkIds) {
        if (this.engine.has(id)) this.engine.discard(id);
      }
    }
    this.notes.delete(path);
  }

  /** Whether discarded chunks still have postings (see removeNote). */
  get hasDiscarded(): boolean {
    return this.engine.dirtCount > 0;
  }

  /**
   * Drops every discarded chunk's postings now, in one synchronous pass over the terms (with
   * autoVacuum off no other vacuum can be running, and a batch larger than the term count
   * never pauses). Only needed after removals without the previous record (reconciling a
   * stale snapshot), so it runs at most once per load.
   */
  purgeDiscarded(): void {
    if (this.engine.dirtCount === 0) return;
    void this.engine.vacuum({ batchSize: Number.MAX_SAFE_INTEGER });
  }

  /** Best chunks first. `allow` filters by chunk id before ranking is cut to `limit`. */
  search(query: string, limit: number, allow?: (chunkId: string) => boolean): LexicalHit[] {
    const terms = analyzeQuery(query);
    if (terms.length === 0 || limit <= 0) return [];
    const options: SearchOptions = allow ? { ...SEARCH_OPTIONS, filter: (result) => allow(result.id as string) } : SEARCH_OPTIONS;
    const results = this.engine.search(terms.join(' '), options);
    const hits: LexicalHit[] = [];
    for (let i = 0; i < results.length && i < limit; i++) {
      const result = results[i]!;
      hits.push({ chunkId: result.id as string, score: result.score });
    }
    return hits;
  }

  /** Plain-object form for the snapshot (see lexical-snapshot.ts). */
  toPlain(): { search: AsPlainObject; notes: [string, IndexedNoteEntry][] } {
    return { search: this.engine.toJSON(), notes: [...this.notes] };
  }

  /**
   * `yielding`: MiniSearch's async loader, which pauses every 1000 terms so a UI stays
   * responsive, at ~3.5× the total time (hub vault: 0.9 s against 0.26 s). Without a UI to
   * keep alive (the CLI), load in one go.
   */
  static async fromPlain(search: AsPlainObject, notes: [string, IndexedNoteEntry][], yielding = true): Promise<LexicalIndex> {
    const loaded = yielding
      ? await MiniSearch.loadJSAsync<LexicalDocument>(search, MINISEARCH_OPTIONS)
      : MiniSearch.loadJS<LexicalDocument>(search, MINISEARCH_OPTIONS);
    return new LexicalIndex(loaded, new Map<string, IndexedNoteEntry>(notes));
  }
}
