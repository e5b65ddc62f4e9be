/**
 * Embeds the chunks of a batch of notes that have no stored vector yet: each distinct
 * content hash once, shortest texts first. Each embedder call gets many texts: the embedder
 * sorts them by real token count and cuts its own batches (padding costs exactly what it pads;
 * PERF.md finding 5), and a worker pool runs one batch per worker, so calls of a single batch
 * would pad more and leave all but one worker idle. The text embedded is the
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
    let reported = 0;
    const onProgress = (done: number): void => {
      if (done > reported) onBatch(done - reported);
      reported = Math.max(reported, done);
    };
    const vectors = await embedder.embed(group.map(embeddingText), 'passage', signal ? { signal, onProgress } : { onProgress });
    if (vectors.length !== group.length) {
      throw new Error(`the embedder returned ${vectors.length} vectors for ${group.length} texts`);
    }
    group.forEach((chunk, j) => {
      const vector = vectors[j] as Float32Array;
      if (vector.length !== dims) throw new Error(`the embedder returned a ${vector.length}-d vector, expected ${dims}`);
      result.set(chunk.hash, quantize(vector, stride));
    });
    if (reported < group.length) onBatch(group.length - reported);
  }
  return result;
}
