import path from 'node:path';
import type { Embedder } from '../core/ports';
import { DEFAULT_MODEL_ID } from '../core/embedding';
import { createNodeEmbedder } from '../embedding/node';
import { openVaultIndex, type VaultIndex } from '../node';
import type { CliIo, OptionSpec, ParsedArgs } from './command';
import { flag, stringOption } from './args';
import { defaultVault } from './defaults';
import { ProgressLine, bar, formatBytes } from './progress';
import { CliError, USAGE_EXIT } from './cli-error';

/** Options every index-backed command accepts. */
export const engineOptions: OptionSpec = {
  vault: { type: 'string' },
  'index-dir': { type: 'string' },
  'models-dir': { type: 'string' },
  model: { type: 'string' },
  'model-path': { type: 'string' },
  'no-download': { type: 'boolean' },
  'mirror-host': { type: 'string' },
  exclude: { type: 'string', multiple: true },
};

export const engineOptionsHelp = `Common options:
  --vault DIR        vault folder (default: examples/vault)
  --index-dir DIR    where the index lives (default: a per-vault folder in the user cache, never inside the vault)
  --model ID         embedding model: a registry or Hugging Face id, or a folder name under --models-dir
                     (default: ${DEFAULT_MODEL_ID})
  --model-path DIR   a model folder in Hugging Face layout (overrides --model)
  --models-dir DIR   folder of model folders to look in first (e.g. ../shared/models)
  --mirror-host URL  download models from this Hugging Face mirror instead of huggingface.co
  --no-download      never download a model; fall back to keyword search instead
  --exclude GLOB     folder or glob to leave out (repeatable)`;

export function vaultOf(args: ParsedArgs): string {
  return path.resolve(stringOption(args, 'vault') ?? defaultVault);
}

/**
 * The embedder for a command: from --model-path, --models-dir, the user cache, or a
 * download. When none is reachable, says so once on stderr and returns null, and the
 * command continues with keyword search.
 */
export async function embedderFor(args: ParsedArgs, io: CliIo): Promise<Embedder | null> {
  const modelPath = stringOption(args, 'model-path');
  const model = modelPath ? path.resolve(modelPath) : (stringOption(args, 'model') ?? DEFAULT_MODEL_ID);
  const progress = new ProgressLine(io);
  const modelsDir = stringOption(args, 'models-dir');
  const host = stringOption(args, 'mirror-host');
  const result = await createNodeEmbedder({
    model,
    ...(modelsDir ? { modelsDir } : {}),
    ...(host ? { host } : {}),
    download: !flag(args, 'no-download'),
    onDownloadProgress: (p) => {
      const total = p.bytesTotal ? ` / ${formatBytes(p.bytesTotal)}` : '';
      const pct = p.percent !== undefined ? ` ${p.percent.toFixed(0)}%` : '';
      if (p.file) progress.update(`Downloading ${p.modelId}${pct} ${formatBytes(p.bytesDone)}${total} (${p.file})`);
    },
  });
  progress.done();
  if (!result.ok) {
    io.err(`warning: ${result.reason}`);
    return null;
  }
  return result.embedder;
}

export interface OpenedIndex extends VaultIndex {
  vault: string;
  embedder: Embedder | null;
  close(): Promise<void>;
}

/** Opens (and brings up to date) the vault's index, with a progress bar on stderr. */
export async function openIndexFor(args: ParsedArgs, io: CliIo, options: { sync: boolean }): Promise<OpenedIndex> {
  const vault = vaultOf(args);
  const embedder = await embedderFor(args, io);
  const progress = new ProgressLine(io);
  let opened: VaultIndex;
  try {
    const indexDir = stringOption(args, 'index-dir');
    const exclude = args.values.exclude;
    opened = await openVaultIndex({
      vault,
      embedder,
      ...(indexDir ? { indexDir: path.resolve(indexDir) } : {}),
      ...(Array.isArray(exclude) ? { exclude } : {}),
      onProgress: (p) => {
        if (p.phase !== 'indexing') return;
        const chunks = p.chunksEmbedded > 0 ? `, ${p.chunksEmbedded} chunks embedded` : '';
        progress.update(`Indexing ${bar(p.notesDone, p.notesTotal)} ${p.notesDone} / ${p.notesTotal} notes${chunks}`, p.notesDone === p.notesTotal);
      },
    });
  } catch (error) {
    await embedder?.dispose();
    throw new CliError((error as Error).message);
  }
  if (opened.indexer.loadReport.reason) io.err(`note: ${opened.indexer.loadReport.reason}`);
  if (options.sync) {
    await opened.indexer.sync();
    progress.done();
  }
  return {
    ...opened,
    vault,
    embedder,
    close: async () => {
      await opened.indexer.close();
      await embedder?.dispose();
    },
  };
}

export function modeOption(args: ParsedArgs): 'hybrid' | 'dense' | 'lexical' {
  const mode = stringOption(args, 'mode') ?? 'hybrid';
  if (mode !== 'hybrid' && mode !== 'dense' && mode !== 'lexical') throw new CliError(`--mode must be hybrid, dense or lexical, got "${mode}".`, USAGE_EXIT);
  return mode;
}
