/**
 * The lexical index saved in parts: a header (document table, per-note stamps) and slices
 * of the term list, each its own JSON text. No part ever holds the whole index in one
 * string, which is what breaks other plugins' indexes ("Invalid string length") on large
 * vaults. A snapshot is only a cache: on load it is reconciled with the notes (see
 * `reconcileLexical`), so it may be older than the notes and is saved only now and then.
 */
import type { AsPlainObject } from 'minisearch';
import { CorruptDataError } from '../storage/byte-reader';
import { LexicalIndex, type IndexedNoteEntry } from './lexical-index';

const FORMAT = 1;
/** Terms per part: a few MB of JSON each on large vaults. */
const TERMS_PER_PART = 20_000;

interface SnapshotHeader {
  format: number;
  search: Omit<AsPlainObject, 'index'>;
  notes: [string, IndexedNoteEntry][];
  termParts: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeLexicalSnapshot(index: LexicalIndex): Uint8Array[] {
  const { search, notes } = index.toPlain();
  const { index: terms, ...rest } = search;
  const termParts: AsPlainObject['index'][] = [];
  for (let i = 0; i < terms.length; i += TERMS_PER_PART) termParts.push(terms.slice(i, i + TERMS_PER_PART));
  const header: SnapshotHeader = { format: FORMAT, search: rest, notes, termParts: termParts.length };
  return [encoder.encode(JSON.stringify(header)), ...termParts.map((part) => encoder.encode(JSON.stringify(part)))];
}

export async function decodeLexicalSnapshot(parts: Uint8Array[], yielding = true): Promise<LexicalIndex> {
  const [first, ...rest] = parts;
  if (!first) throw new CorruptDataError('lexical snapshot: no parts');
  const header = parseJson(first, 'lexical snapshot header') as SnapshotHeader;
  if (!header || header.format !== FORMAT || !Array.isArray(header.notes) || header.termParts !== rest.length) {
    throw new CorruptDataError(`lexical snapshot: unexpected header (format ${String(header?.format)}, ${rest.length} term parts)`);
  }
  const terms: AsPlainObject['index'] = [];
  rest.forEach((part, i) => {
    const slice = parseJson(part, `lexical snapshot part ${i + 1}`);
    if (!Array.isArray(slice)) throw new CorruptDataError(`lexical snapshot part ${i + 1}: not a term list`);
    for (const entry of slice as AsPlainObject['index']) terms.push(entry);
  });
  try {
    return await LexicalIndex.fromPlain({ ...header.search, index: terms }, header.notes, yielding);
  } catch (error) {
    throw new CorruptDataError(`lexical snapshot: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parseJson(bytes: Uint8Array, label: string): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch (error) {
    throw new CorruptDataError(`${label}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
