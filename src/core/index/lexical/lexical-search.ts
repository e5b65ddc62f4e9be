/**
 * MiniSearch with its serialisation in pieces. `toJSON()` / `loadJS()` turn the whole term
 * index into (or from) one object in one synchronous call: on a 6.5k-note vault that blocks
 * the main thread for about a second. This subclass reads and writes the same serialised form
 * (`AsPlainObject`, serialization version 2) one term at a time, so the snapshot code can pause
 * between slices (see time-slicer.ts). It uses MiniSearch's protected fields, whose layout is
 * that of the pinned minisearch 7.2.0; tests/core/index/lexical/lexical-search.test.ts checks
 * both directions against `toJSON()` / `loadJS()`, so an upgrade that changes them fails there.
 */
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';

/** What `toJSON()` returns besides the term index. */
export type PlainHeader = Omit<AsPlainObject, 'index'>;
export type PlainTerm = AsPlainObject['index'][number];

const SERIALIZATION_VERSION = 2;

export class LexicalSearch<T> extends MiniSearch<T> {
  /** `toJSON()` without `index`. */
  plainHeader(): PlainHeader {
    return {
      documentCount: this._documentCount,
      nextId: this._nextId,
      documentIds: Object.fromEntries(this._documentIds),
      fieldIds: this._fieldIds,
      fieldLength: Object.fromEntries(this._fieldLength),
      averageFieldLength: this._avgFieldLength,
      storedFields: Object.fromEntries(this._storedFields),
      dirtCount: this._dirtCount,
      serializationVersion: SERIALIZATION_VERSION,
    };
  }

  /** `toJSON().index`, one term at a time, in the same order. Nothing may change the index while this runs. */
  *plainTerms(): Generator<PlainTerm> {
    for (const [term, fieldIndex] of this._index) {
      const data: PlainTerm[1] = {};
      for (const [fieldId, freqs] of fieldIndex) data[fieldId] = Object.fromEntries(freqs);
      yield [term, data];
    }
  }

  /** An index with the header's documents and no terms yet; add them with `addPlainTerm`. */
  static fromPlainHeader<T>(header: PlainHeader, options: Options<T>): LexicalSearch<T> {
    if (header.serializationVersion !== SERIALIZATION_VERSION) {
      throw new Error(`MiniSearch serialization version ${String(header.serializationVersion)} is not supported`);
    }
    const search = new LexicalSearch<T>(options);
    search._documentCount = header.documentCount;
    search._nextId = header.nextId;
    search._fieldIds = header.fieldIds;
    search._avgFieldLength = header.averageFieldLength;
    search._dirtCount = header.dirtCount ?? 0;
    search._documentIds = numericKeys(header.documentIds);
    search._fieldLength = numericKeys(header.fieldLength);
    search._storedFields = numericKeys<Record<string, unknown>>(header.storedFields);
    search._idToShortId = new Map();
    for (const [shortId, id] of search._documentIds) search._idToShortId.set(id, shortId);
    return search;
  }

  /** One entry of `toJSON().index`, as `loadJS` adds it. */
  addPlainTerm([term, data]: PlainTerm): void {
    const fields = new Map<number, Map<number, number>>();
    for (const fieldId of Object.keys(data)) fields.set(parseInt(fieldId, 10), numericKeys(data[fieldId] as Record<string, number>));
    this._index.set(term, fields);
  }
}

function numericKeys<V>(object: Record<string, V>): Map<number, V> {
  const map = new Map<number, V>();
  for (const key of Object.keys(object)) map.set(parseInt(key, 10), object[key] as V);
  return map;
}
