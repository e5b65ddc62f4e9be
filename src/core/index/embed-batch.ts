/**
 * Embeds the chunks of a batch of notes that have no stored vector yet: each distinct
 * content hash once, shortest texts first in groups, so a group pads to similar lengths
 * (padding costs exactly what it pads; see PERF.md finding 5). The text embedded is the
 * chunker's `embeddingText` (heading trail + text), which its content hash covers, so a
 * vector cached by hash always matches what would be embedded now.
 */
import { embeddingText } from '../chunking/chunk-note';
import type { Chunk } from '../chunking/types';
import type { Embedder } from '../ports';
import { quantize, strideFor, type QuantizedVector } from './vectors/quantize';

export async function embedMissing(
  chunks: Iterable<Chunk>,
  known: (hash: string) => QuantizedVector | null,
  embedder: Embedder,
  batchSize: number,
  signal: AbortSignal | undefined,
  onBatch: (embedded: number) => void,
): Promise<Map<string, QuantizedVector>> {
  const missing = new Map<string, Chunk>();
  for (const chunk of chunks) {
    if (!missing.has(chunk.hash) && !known(chunk.hash)) missing.set(chunk.hash, chunk);
  }
  const ordered = [...missing.values()].sort((a, b) => a.tokens - b.tokens || a.text.length - b.text.length);
  const { dims } = embedder.info;
  const stride = strideFor(dims);
  const result = new Map<string, QuantizedVector>();
  for (let i = 0; i < ordered.length; i += batchSize) {
    signal?.throwIfAborted();
    const group = ordered.slice(i, i + batchSize);
    const vectors = await embedder.embed(group.map(embeddingText), 'passage', signal ? { signal } : undefined);
    if (vectors.length !== group.length) {
      throw new Error(`the embedder returned ${vectors.length} vectors for ${group.length} texts`);
    }
    group.forEach((chunk, j) => {
      const vector = vectors[j] as Float32Array;
      if (vector.length !== dims) throw new Error(`the embedder returned a ${vector.length}-d vector, expected ${dims}`);
      result.set(chunk.hash, quantize(vector, stride));
    });
    onBatch(group.length);
  }
  return result;
}
