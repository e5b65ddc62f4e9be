/**
 * TEST HELPER, not the real chunker: splits a note into one chunk per blank-line-separated
 * paragraph, with `# headings` tracked into the heading trail and `[[links]]` collected.
 * Deterministic and shaped like `chunkNote`'s output, so the indexer can be tested before
 * the real parser and chunker land.
 */
import type { Chunk } from '../../src/core/chunking/types';
import { hash64 } from '../../src/core/index/hash';
import type { NoteProcessor, ProcessedNote } from '../../src/core/index/types';

export const BLANK_LINE_PROCESSOR_VERSION = 'test-blank-lines-1';

export const blankLineProcessor: NoteProcessor = (path: string, text: string): ProcessedNote => {
  const lines = text.split('\n');
  const chunks: Chunk[] = [];
  const headings: string[] = [];
  const seen = new Map<string, number>();
  const links = new Set<string>();
  let start = -1;
  const close = (end: number): void => {
    if (start < 0) return;
    const body = lines.slice(start, end + 1).join('\n').trim();
    if (body.length > 0) {
      const trail = [...headings].filter((h): h is string => typeof h === 'string');
      // Like chunkNote: the hash covers what is embedded (heading trail + text), see embeddingText.
      const hash = hash64(`${trail.join(' > ')}\n${body}`);
      const n = seen.get(hash) ?? 0;
      seen.set(hash, n + 1);
      const chunkLinks = [...body.matchAll(/\[\[([^\]|#]+)(?:[#|][^\]]*)?\]\]/g)].map((m) => m[1]!.trim());
      chunkLinks.forEach((l) => links.add(l));
      chunks.push({
        id: `${path}#${hash}${n > 0 ? `~${n}` : ''}`,
        path,
        hash,
        kind: /^>\s*\[!(info|definition|abstract)/i.test(body) ? 'definition' : 'section',
        headingTrail: trail,
        startLine: start,
        endLine: end,
        text: body.replace(/\[\[([^\]|]+)\|([^\]]+)\]\]/g, '$2').replace(/\[\[([^\]]+)\]\]/g, '$1'),
        links: chunkLinks,
        embeds: [],
        highlights: [...body.matchAll(/==([^=]+)==/g)].map((m) => m[1]!),
        tokens: body.split(/\s+/).length,
      });
    }
    start = -1;
  };
  lines.forEach((line, i) => {
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      close(i - 1);
      headings.splice(heading[1]!.length - 1);
      headings[heading[1]!.length - 1] = heading[2]!.trim();
      headings.length = heading[1]!.length;
      return;
    }
    if (line.trim() === '') close(i - 1);
    else if (start < 0) start = i;
  });
  close(lines.length - 1);
  const title = path.replace(/^.*\//, '').replace(/\.md$/, '');
  return { chunks, meta: { title, aliases: [], tags: [], links: [...links], warnings: [] } };
};
