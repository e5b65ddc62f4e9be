import { parseNote } from '../../core/markdown';
import { chunkNote, DEFAULT_TOKEN_BUDGET } from '../../core/chunking';
import type { Command } from '../command';
import { flag, intOption } from '../args';
import { CliError, USAGE_EXIT } from '../cli-error';
import { readNoteFile } from '../read-note';

export const chunksCommand: Command = {
  name: 'chunks',
  summary: 'Show how a note is split into chunks for embedding and retrieval',
  help: `Usage: ask-my-notes chunks <file.md> [--budget 256] [--json]

Prints each chunk with its type (definition, callout, section), heading trail,
line range, content hash, token estimate and outgoing links.

Options:
  --budget N  token budget per chunk (default ${DEFAULT_TOKEN_BUDGET})
  --json      machine-readable output
  -h, --help  show this help`,
  options: { json: { type: 'boolean' }, budget: { type: 'string' } },
  async run(args, io) {
    const file = args.positionals[0];
    if (!file) throw new CliError('chunks: missing <file.md>.', USAGE_EXIT);
    const text = await readNoteFile(file);
    const doc = parseNote(text);
    for (const w of doc.warnings) io.err(`${file}:${(w.line ?? 0) + 1}: warning: ${w.message}`);
    const chunks = chunkNote(file, text, doc, { tokenBudget: intOption(args, 'budget', DEFAULT_TOKEN_BUDGET, 16, 8192) });
    if (flag(args, 'json')) {
      io.out(JSON.stringify(chunks, null, 2));
      return 0;
    }
    chunks.forEach((c, i) => {
      const trail = c.headingTrail.length ? c.headingTrail.join(' > ') : '(no heading)';
      const callout = c.callout ? ` [!${c.callout.type}] "${c.callout.title}"` : '';
      io.out(`#${i + 1} ${c.kind}${callout}  lines ${c.startLine + 1}-${c.endLine + 1}  ${c.tokens} tokens  hash ${c.hash}`);
      io.out(`   trail: ${trail}`);
      if (c.links.length) io.out(`   links: ${c.links.join(', ')}`);
      if (c.highlights.length) io.out(`   highlights: ${c.highlights.join(' | ')}`);
      const preview = c.text.replace(/\s+/g, ' ').trim();
      io.out(`   ${preview.length > 160 ? `${preview.slice(0, 157)}...` : preview}`);
    });
    return 0;
  },
};
