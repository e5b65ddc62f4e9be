/**
 * Row 2: a full index build of obsidian-hub (≈6,600 notes) with glove-en-100d, through
 * openVaultIndex (the CLI's path: FsNoteSource, FileStorage, production parser and chunker),
 * in this fresh process: from opening the empty index to `close()` (every note committed and
 * the lexical snapshot saved). Peak RSS is the kernel's high-water mark for the process.
 */
import { loadGlove } from '../models';
import { memory } from '../proc';
import { fmt, mb, ms, pct } from '../report/format';
import { buildHub100, copyHubVault, deriveHub384 } from '../fixtures/hub-index';
import type { RowContext, RowResult } from '../types';

export async function indexBuildRow(ctx: RowContext): Promise<RowResult> {
  const started = performance.now();
  copyHubVault();
  const beforeModel = memory();
  const loadStarted = performance.now();
  const glove = await loadGlove();
  const loadMs = performance.now() - loadStarted;
  const afterModel = memory();
  ctx.log('  building the obsidian-hub index...');
  const stats = await buildHub100(glove);
  const after = memory();
  await glove.dispose();
  const seconds = stats.ms / 1000;
  ctx.log('  deriving the 384-d hub index for rows 4–6 (not measured)...');
  await deriveHub384();
  return {
    id: 'build',
    number: 2,
    title: 'Full index build, obsidian-hub with glove-en-100d (openVaultIndex + FileStorage)',
    summary: `${fmt(seconds, 1)} s for ${stats.notes.toLocaleString('en-US')} notes / ${stats.chunks.toLocaleString('en-US')} chunks: ${fmt(stats.notes / seconds, 0)} notes/s, ${fmt(stats.chunks / seconds, 0)} chunks/s; peak RSS ${mb(after.peakMB)}`,
    ratios: `embedder ${pct(stats.embedMs / stats.ms)} of build time; peak RSS ${fmt(after.peakMB / afterModel.rssMB, 2)}× the process with the model loaded`,
    goals: [],
    details: [
      {
        title: 'Index build (one fresh process, one build)',
        header: ['measure', 'value'],
        rows: [
          ['notes / chunks / chunks embedded', `${stats.notes} / ${stats.chunks} / ${stats.chunksEmbedded}`],
          ['build time (open → sync → lexical ready → close)', `${fmt(seconds, 1)} s`],
          ['notes/s, chunks/s', `${fmt(stats.notes / seconds, 0)}, ${fmt(stats.chunks / seconds, 0)}`],
          ['time inside embedder.embed()', `${fmt(stats.embedMs / 1000, 1)} s (${pct(stats.embedMs / stats.ms)})`],
          ['everything else (read, parse, chunk, lexical, encode, commit)', `${fmt((stats.ms - stats.embedMs) / 1000, 1)} s`],
          ['model load (createNodeEmbedder, glove-en-100d q8)', ms(loadMs)],
          ['RSS: process before model / after model / after build', `${mb(beforeModel.rssMB)} / ${mb(afterModel.rssMB)} / ${mb(after.rssMB)}`],
          ['peak RSS (VmHWM)', mb(after.peakMB)],
          ['index on disk', `${fmt(stats.sizeBytes / 1e6, 1)} MB`],
        ],
      },
    ],
    notes: [
      'GloVe is a lookup table, not a transformer: this row measures the indexing pipeline around the model; row 1 measures the model cost of the default encoder.',
      'One build per run (~1 min): a median would multiply the runtime; the build time varies by a few percent between runs.',
    ],
    metrics: {
      seconds,
      notes: stats.notes,
      chunks: stats.chunks,
      notesPerSec: stats.notes / seconds,
      chunksPerSec: stats.chunks / seconds,
      embedShare: stats.embedMs / stats.ms,
      peakMB: after.peakMB,
      modelRssMB: afterModel.rssMB,
      diskMB: stats.sizeBytes / 1e6,
    },
    seconds: (performance.now() - started) / 1000,
  };
}
