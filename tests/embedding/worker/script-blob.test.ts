import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scriptBlobInPieces } from '../../../src/embedding/worker/script-blob';

describe('scriptBlobInPieces', () => {
  it('yields between pieces and keeps the text byte for byte, surrogate pairs included', async () => {
    const source = `const a = "${'😀'.repeat(10)}";\n`.repeat(7);
    let yields = 0;
    const blob = await scriptBlobInPieces(source, () => {
      yields++;
      return Promise.resolve();
    }, 5);
    expect(blob.type).toBe('text/javascript');
    expect(yields).toBeGreaterThan(10);
    expect(await blob.text()).toBe(source);
  });

  it('property: any text and piece size give the same bytes as one Blob', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.integer({ min: 1, max: 20 }), async (text, piece) => {
        const blob = await scriptBlobInPieces(text, () => Promise.resolve(), piece);
        expect(new Uint8Array(await blob.arrayBuffer())).toEqual(new Uint8Array(await new Blob([text]).arrayBuffer()));
      }),
    );
  });
});
