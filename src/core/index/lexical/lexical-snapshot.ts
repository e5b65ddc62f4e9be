/**
 * The lexical index saved in parts: a header (document table, per-note stamps) and slices
 * of the term list, each its own JSON text. No part ever holds the whole index in one
 * string, which is what breaks other plugins' indexes ("Invalid string length") on large
 * vaults. A snapshot is only a cache: on load it is reconciled with the notes (see
 * `reconcileLexical`), so it may be older than the notes and is saved only now and then.
 *
 * Both directions go term by term and pause through a TimeSlicer (see time-slicer.ts): built
 * in one call, the hub vault's snapshot blocked the main thread for about a second.
 */
import { CorruptDataError } from '../storage/byte-reader';
import { noSlicing, type TimeSlicer } from '../time-slicer';
import { LexicalIndex, type IndexedNoteEntry } from './lexical-index';
import type { PlainHeader, PlainTerm } from './lexical-search';

const FORMAT = 1;
/** JSON characters per term part: the term count varies too much (a common word has thousands of postings). */
const PART_CHARS = 1 << 20;
/** Terms handled between slicer checks (a check reads the clock). */
const TERMS_PER_CHECK = 64;

interface SnapshotHeader {
  format: number;
  search: PlainHeader;
  notes: [string, IndexedNoteEntry][];
  termParts: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Header first, then the term parts. Nothing may change `index` until it resolves (the indexer's serial queue sees to that). */
export async function encodeLexicalSnapshot(index: LexicalIndex, slicer: TimeSlicer = noSlicing): Promise<Uint8Array[]> {
  const termParts: Uint8Array[] = [];
  // Each term is stringified on its own and the part joined from them (the same text as
  // stringifying the array), so the slicer can pause between terms.
  let pieces: string[] = [];
  let chars = 0;
  let count = 0;
  for (const term of index.plainTerms()) {
    const json = JSON.stringify(term);
    pieces.push(json);
    chars += json.length + 1;
    if (chars >= PART_CHARS) {
      termParts.push(encoder.encode(`[${pieces.join(',')}]`));
      pieces = [];
      chars = 0;
      await slicer.pause();
    } else if (++count % TERMS_PER_CHECK === 0) {
      await slicer.pause();
    }
  }
  if (pieces.length > 0) termParts.push(encoder.encode(`[${pieces.join(',')}]`));
  const { search, notes } = index.plainHeader();
  const header: SnapshotHeader = { format: FORMAT, search, notes, termParts: termParts.length };
  return [encoder.encode(JSON.stringify(header)), ...termParts];
}

/**
 * `yielding`: pause through `slicer` (a UI to keep alive); without it the snapshot loads in one
 * go, which is faster in total (the CLI).
 */
export async function decodeLexicalSnapshot(parts: Uint8Array[], yielding = true, slicer: TimeSlicer = noSlicing): Promise<LexicalIndex> {
  const pause = yielding ? slicer : noSlicing;
  const [first, ...rest] = parts;
  if (!first) throw new CorruptDataError('lexical snapshot: no parts');
  const header = parseJson(first, 'lexical snapshot header') as SnapshotHeader;
  if (!header || header.format !== FORMAT || !Array.isArray(header.notes) || header.termParts !== rest.length) {
    throw new CorruptDataError(`lexical snapshot: unexpected header (format ${String(header?.format)}, ${rest.length} term parts)`);
  }
  let index: LexicalIndex;
  try {
    index = LexicalIndex.fromPlainHeader(header.search, header.notes);
  } catch (error) {
    throw new CorruptDataError(`lexical snapshot: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const [i, part] of rest.entries()) {
    await pause.pause();
    const slice = parseJson(part, `lexical snapshot part ${i + 1}`);
    if (!Array.isArray(slice)) throw new CorruptDataError(`lexical snapshot part ${i + 1}: not a term list`);
    let count = 0;
    for (const entry of slice as unknown[]) {
      addTerm(index, entry, i + 1);
      if (++count % TERMS_PER_CHECK === 0) await pause.pause();
    }
  }
  return index;
}

function addTerm(index: LexicalIndex, entry: unknown, part: number): void {
  const valid = Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'object' && entry[1] !== null;
  try {
    if (valid) index.addPlainTerm(entry as PlainTerm);
  } catch (error) {
    throw new CorruptDataError(`lexical snapshot part ${part}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!valid) throw new CorruptDataError(`lexical snapshot part ${part}: malformed term entry`);
}

function parseJson(bytes: Uint8Array, label: string): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch (error) {
    throw new CorruptDataError(`${label}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
