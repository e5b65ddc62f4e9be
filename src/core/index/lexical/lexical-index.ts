/**
 * BM25 keyword search over chunks (MiniSearch), with our own analysis: documents are
 * analysed before MiniSearch sees them (it only splits on spaces), so each note is stemmed
 * in its own language, and accents, stopwords and stemming behave the same in documents
 * and queries.
 */
import type { SearchOptions } from 'minisearch';
import { analyze, analyzeQuery } from '../../text/analyzer';
import { hash64 } from '../hash';
import type { NoteRecord } from '../types';
import { LexicalSearch, type PlainHeader, type PlainTerm } from './lexical-search';

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

/** The MiniSearch documents of a note's chunks (fields analysed in the note's language), one chunk at a time. */
function* lexicalDocuments(note: NoteRecord): Generator<LexicalDocument> {
  const title = analyze(note.meta.title, note.language).join(' ');
  const aliases = analyze(note.meta.aliases.join(' '), note.language).join(' ');
  for (const chunk of note.chunks) {
    yield {
      id: chunk.id,
      title,
      aliases,
      headings: analyze(chunk.headingTrail.join(' '), note.language).join(' '),
      text: analyze(chunk.text, note.language).join(' '),
    };
  }
}

/** Per note: what is indexed, so a reloaded snapshot can be reconciled with the notes. */
export interface IndexedNoteEntry {
  stamp: string;
  chunkIds: string[];
}

/** Stamps by record: records are never changed in what a stamp covers (a new version is a new record). */
const stamps = new WeakMap<NoteRecord, string>();

/** Changes whenever anything the lexical index holds for the note changes. */
export function lexicalStamp(note: NoteRecord): string {
  let stamp = stamps.get(note);
  if (stamp === undefined) {
    stamp = hash64(JSON.stringify([note.meta.title, note.meta.aliases, note.language, note.chunks.map((c) => [c.id, c.headingTrail])]));
    stamps.set(note, stamp);
  }
  return stamp;
}

export class LexicalIndex {
  private readonly engine: LexicalSearch<LexicalDocument>;
  private readonly notes: Map<string, IndexedNoteEntry>;
  /** Documents analysed ahead by `prepare`, each used once (then dropped: they are as large as the text). */
  private readonly prepared = new WeakMap<NoteRecord, LexicalDocument[]>();

  constructor(search?: LexicalSearch<LexicalDocument>, notes?: Map<string, IndexedNoteEntry>) {
    this.engine = search ?? new LexicalSearch<LexicalDocument>(MINISEARCH_OPTIONS);
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

  /**
   * Analyses a note's chunks ahead of `setNote` (or of removing it), pausing between chunks:
   * stemming a long note's text is most of what adding it costs, and it need not happen inside
   * the synchronous update that makes the note searchable.
   */
  async prepare(note: NoteRecord, pause: () => Promise<void>): Promise<void> {
    if (this.prepared.has(note)) return;
    const documents: LexicalDocument[] = [];
    for (const document of lexicalDocuments(note)) {
      documents.push(document);
      await pause();
    }
    this.prepared.set(note, documents);
  }

  private documentsOf(note: NoteRecord): LexicalDocument[] {
    const documents = this.prepared.get(note);
    if (!documents) return [...lexicalDocuments(note)];
    this.prepared.delete(note);
    return documents;
  }

  /** Adds or replaces a note's chunks. */
  setNote(note: NoteRecord): void {
    this.removeNote(note.path);
    const documents = this.documentsOf(note);
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
      for (const document of this.documentsOf(previous)) {
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

  /** The snapshot's header: MiniSearch's serialised form without its terms, and the note table (see lexical-snapshot.ts). */
  plainHeader(): { search: PlainHeader; notes: [string, IndexedNoteEntry][] } {
    return { search: this.engine.plainHeader(), notes: [...this.notes] };
  }

  /** MiniSearch's serialised terms, one at a time; nothing may change the index until the iteration ends. */
  plainTerms(): Iterable<PlainTerm> {
    return this.engine.plainTerms();
  }

  /** An index from a snapshot header; its terms follow through `addPlainTerm`. */
  static fromPlainHeader(search: PlainHeader, notes: [string, IndexedNoteEntry][]): LexicalIndex {
    return new LexicalIndex(LexicalSearch.fromPlainHeader<LexicalDocument>(search, MINISEARCH_OPTIONS), new Map<string, IndexedNoteEntry>(notes));
  }

  addPlainTerm(term: PlainTerm): void {
    this.engine.addPlainTerm(term);
  }
}
