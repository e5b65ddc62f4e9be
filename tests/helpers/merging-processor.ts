/**
 * TEST/BENCH HELPER: the blank-line processor with paragraphs merged up to ~`minChars`, so a
 * vault yields chunk counts like a real ~256-token chunker (the hub vault: ≈30k chunks).
 */
import type { Chunk } from '../../src/core/chunking/types';
import { hash64 } from '../../src/core/index/hash';
import type { NoteProcessor, ProcessedNote } from '../../src/core/index/types';
import { blankLineProcessor } from './blank-line-processor';

export function mergingProcessor(minChars: number): NoteProcessor {
  return (path, text) => {
    const { chunks, meta } = blankLineProcessor(path, text) as ProcessedNote;
    const merged: Chunk[] = [];
    const seen = new Map<string, number>();
    let group: Chunk[] = [];
    const close = (): void => {
      if (group.length === 0) return;
      const body = group.map((c) => c.text).join('\n\n');
      const hash = hash64(body);
      const n = seen.get(hash) ?? 0;
      seen.set(hash, n + 1);
      const first = group[0]!;
      merged.push({
        ...first,
        id: `${path}#${hash}${n > 0 ? `~${n}` : ''}`,
        hash,
        text: body,
        endLine: group[group.length - 1]!.endLine,
        links: group.flatMap((c) => c.links),
        highlights: group.flatMap((c) => c.highlights),
        tokens: group.reduce((sum, c) => sum + c.tokens, 0),
      });
      group = [];
    };
    for (const chunk of chunks) {
      group.push(chunk);
      if (group.reduce((sum, c) => sum + c.text.length, 0) >= minChars) close();
    }
    close();
    return { chunks: merged, meta };
  };
}
