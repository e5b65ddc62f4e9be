import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ByteReader, CorruptDataError } from '../../../../src/core/index/storage/byte-reader';
import { ByteWriter } from '../../../../src/core/index/storage/byte-writer';
import { checksum32 } from '../../../../src/core/index/storage/checksum';
import { decodeSegment, encodeSegment, type SegmentRecord } from '../../../../src/core/index/storage/segment-codec';
import { decodeManifest, encodeManifest, SchemaMismatchError, type Manifest } from '../../../../src/core/index/storage/manifest-codec';
import { quantize } from '../../../../src/core/index/vectors/quantize';
import type { NoteRecord } from '../../../../src/core/index/types';

const note = (path: string, texts: string[]): NoteRecord => ({
  path,
  mtime: 1700000000123,
  size: 4321,
  contentHash: 'abcdef0123456789',
  meta: { title: 'Definição', aliases: ['Def'], tags: ['#pt'], links: ['RAG#Busca'], warnings: [{ code: 'yaml', message: 'bad', line: 2 }, { code: 'x', message: 'y' }] },
  language: 'pt',
  indexedAt: 42,
  processor: 'v1',
  chunks: texts.map((text, i) => ({
    id: `${path}#h${i}`,
    path,
    hash: `h${i}`,
    kind: i === 0 ? 'definition' : 'section',
    headingTrail: ['Título', 'Seção'],
    startLine: i * 3,
    endLine: i * 3 + 1,
    text,
    links: ['A'],
    embeds: [],
    highlights: ['==x=='],
    ...(i === 0 ? { callout: { type: 'info', title: 'Definição' }, blockId: 'b1' } : {}),
    tokens: 7 + i,
  })),
});

describe('ByteWriter / ByteReader', () => {
  it('round-trip numbers and strings of any content', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.string(), fc.double({ noNaN: true }))), (items) => {
        const out = new ByteWriter(8);
        for (const [n, s, d] of items) {
          out.varint(n);
          out.string(s);
          out.f64(d);
        }
        const input = new ByteReader(out.finish(), 'test');
        for (const [n, s, d] of items) {
          expect(input.varint()).toBe(n);
          // Lone surrogates are not valid UTF-8; TextEncoder writes U+FFFD for them.
          expect(input.string()).toBe(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
          expect(Object.is(input.f64(), d)).toBe(true);
        }
        expect(input.remaining).toBe(0);
      }),
    );
  });

  it('reports overruns as CorruptDataError naming the label', () => {
    const input = new ByteReader(new Uint8Array([5, 1]), 'seg/x');
    expect(() => input.string()).toThrow(CorruptDataError);
    expect(() => new ByteReader(new Uint8Array([5, 1]), 'seg/x').string()).toThrow(/seg\/x/);
  });
});

describe('checksum32 (MurmurHash3 x86_32)', () => {
  const utf8 = (s: string) => new TextEncoder().encode(s);
  it('matches the reference implementation', () => {
    expect(checksum32(utf8(''), 0, 0, 0)).toBe(0);
    expect(checksum32(utf8('hello'), 0, 5, 0)).toBe(0x248bfa47);
    expect(checksum32(utf8('The quick brown fox jumps over the lazy dog'), 0, 43, 0)).toBe(0x2e4ff723);
  });

  it('changes with any single flipped bit, at any alignment', () => {
    const data = utf8('segment bytes of some length, not a multiple of four!');
    const base = checksum32(data.subarray(1));
    for (let i = 1; i < data.length; i++) {
      for (const bit of [1, 0x80]) {
        const copy = data.slice();
        copy[i] = copy[i]! ^ bit;
        expect(checksum32(copy.subarray(1))).not.toBe(base);
      }
    }
  });
});

describe('segment codec', () => {
  const dims = 20;
  const records: SegmentRecord[] = [
    { kind: 'note', note: note('a/Nota.md', ['Primeiro parágrafo', 'Segundo']), vectors: [quantize(new Float32Array(dims).fill(0.2)), null] },
    { kind: 'tombstone', path: 'old.md' },
    { kind: 'note', note: note('b.md', []), vectors: [] },
  ];

  it('round-trips notes, chunks, vectors and tombstones', () => {
    const decoded = decodeSegment(encodeSegment(records, dims), 'seg/1', dims);
    expect(decoded).toHaveLength(3);
    const first = decoded[0]!;
    if (first.kind !== 'note') throw new Error('expected a note');
    expect(first.note).toEqual(records[0]!.kind === 'note' ? records[0]!.note : null);
    expect(Array.from(first.vectors[0]!.values)).toEqual(Array.from(quantize(new Float32Array(dims).fill(0.2)).values.subarray(0, dims)));
    expect(first.vectors[0]!.scale).toBeCloseTo(quantize(new Float32Array(dims).fill(0.2)).scale, 6);
    expect(first.vectors[1]).toBeNull();
    expect(decoded[1]).toEqual({ kind: 'tombstone', path: 'old.md' });
  });

  it('rejects every truncation and every single flipped byte', () => {
    const bytes = encodeSegment(records, dims);
    for (let cut = 0; cut < bytes.length; cut += 7) {
      expect(() => decodeSegment(bytes.subarray(0, cut), 'seg/1', dims)).toThrow(CorruptDataError);
    }
    for (let i = 0; i < bytes.length; i += 5) {
      const flipped = bytes.slice();
      flipped[i] = flipped[i]! ^ 0x41;
      expect(() => decodeSegment(flipped, 'seg/1', dims)).toThrow(CorruptDataError);
    }
  });

  it('never throws anything but CorruptDataError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          decodeSegment(bytes, 'seg/r', dims);
        } catch (error) {
          expect(error).toBeInstanceOf(CorruptDataError);
        }
      }),
    );
  });

  it('accepts a segment written without vectors in an index with vectors', () => {
    const lexicalOnly: SegmentRecord[] = [{ kind: 'note', note: note('c.md', ['x']), vectors: [null] }];
    const decoded = decodeSegment(encodeSegment(lexicalOnly, 0), 'seg/2', 384);
    expect(decoded[0]!.kind === 'note' && decoded[0]!.vectors[0]).toBeNull();
  });
});

describe('manifest codec', () => {
  const manifest: Manifest = {
    modelId: 'Xenova/multilingual-e5-small',
    dims: 384,
    processorVersion: 'p1',
    generation: 17,
    updatedAt: 1700000000000,
    segments: [{ key: 'seg/00000001', checksum: 123, bytes: 456 }],
    lexicalId: 'h',
    lexicalParts: [{ key: 'lex/h/0', checksum: 1, bytes: 2 }],
    skipped: [{ path: 'big.md', reason: 'too-large', detail: '3 MB', mtime: 1, size: 3e6 }],
    failed: [{ path: 'bad.md', reason: 'could not read', mtime: 2, size: 3, at: 4 }],
  };

  it('round-trips', () => {
    expect(decodeManifest(encodeManifest(manifest))).toEqual(manifest);
  });

  it('reports another schema version as such, not as corruption', () => {
    const bytes = encodeManifest(manifest);
    new DataView(bytes.buffer).setUint32(4, 99, true);
    expect(() => decodeManifest(bytes)).toThrow(SchemaMismatchError);
  });

  it('rejects a truncated manifest', () => {
    const bytes = encodeManifest(manifest);
    expect(() => decodeManifest(bytes.subarray(0, bytes.length - 3))).toThrow(CorruptDataError);
  });
});
