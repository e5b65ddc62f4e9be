import type { Command } from '../command';
import { engineOptions, engineOptionsHelp, openIndexFor } from '../engine-options';
import { formatBytes } from '../progress';

export const indexCommand: Command = {
  name: 'index',
  summary: 'Build or update the vault\'s index (embeddings and keywords)',
  help: `Usage: ask-my-notes index [options]

Indexes every note of the vault: chunks, embeddings and the keyword index. Only what
changed since the last run is re-embedded (a second run embeds nothing). Progress goes
to stderr; the last line is a one-line summary.

${engineOptionsHelp}
  -h, --help         show this help`,
  options: engineOptions,
  async run(args, io) {
    const started = performance.now();
    const index = await openIndexFor(args, io, { sync: false });
    try {
      const report = await index.indexer.sync();
      const status = await index.indexer.status();
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const model = status.modelId ?? `none (${status.lexicalOnlyReason ?? 'keyword search only'})`;
      for (const s of status.skipped) io.err(`skipped ${s.path}: ${s.detail}`);
      for (const f of status.failed) io.err(`failed ${f.path}: ${f.reason}`);
      io.out(
        `Index holds ${status.notesIndexed} notes, ${status.chunksIndexed} chunks: ${report.indexed} notes (re)processed this run, ` +
          `${report.removed} removed, ${status.skipped.length} skipped, ${status.failed.length} failed; ${report.chunksEmbedded} chunks embedded ` +
          `in ${seconds} s. Model: ${model}. Index: ${index.indexDir} (${formatBytes(status.sizeBytes)}).`,
      );
      return status.failed.length > 0 ? 1 : 0;
    } finally {
      await index.close();
    }
  },
};
