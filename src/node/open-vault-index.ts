/**
 * One call for the CLI: a vault folder's index on disk (in the user's cache by default),
 * with the production parser and chunker, ready to `sync()` and search.
 */
import path from 'node:path';
import { Indexer } from '../core/index/indexer';
import { createNoteProcessor, noteProcessorVersion } from '../core/index/note-processor';
import type { IndexProgress } from '../core/index/types';
import { silentLogger, type Embedder, type Logger } from '../core/ports';
import { Searcher } from '../core/search/searcher';
import { defaultIndexDir } from './default-index-dir';
import { FileStorage } from './file-storage';
import { FsNoteSource } from './fs-note-source';

export interface VaultIndexOptions {
  /** The vault folder. */
  vault: string;
  /** Where the index lives; default `defaultIndexDir(vault)`. Must not be inside the vault. */
  indexDir?: string;
  /** Null: keyword search only (the status says so). */
  embedder: Embedder | null;
  /** Folder prefixes and globs never indexed (see core/index/glob.ts). */
  exclude?: string[];
  /** Chunk token budget (default 256). */
  tokenBudget?: number;
  /** Notes larger than this are skipped (default 1 MB). */
  maxNoteBytes?: number;
  logger?: Logger;
  onProgress?: (progress: IndexProgress) => void;
}

export interface VaultIndex {
  indexer: Indexer;
  searcher: Searcher;
  indexDir: string;
}

export async function openVaultIndex(options: VaultIndexOptions): Promise<VaultIndex> {
  const vault = path.resolve(options.vault);
  const indexDir = path.resolve(options.indexDir ?? defaultIndexDir(vault));
  const relative = path.relative(vault, indexDir);
  if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) {
    throw new Error(`The index folder ${indexDir} is inside the vault ${vault}; choose a folder outside it (sync tools would copy and fight over it).`);
  }
  const logger = options.logger ?? silentLogger;
  const processorOptions = options.tokenBudget === undefined ? {} : { tokenBudget: options.tokenBudget };
  const indexer = await Indexer.open({
    source: new FsNoteSource(vault),
    storage: await FileStorage.open(indexDir, { logger }),
    processor: createNoteProcessor(processorOptions),
    processorVersion: noteProcessorVersion(processorOptions),
    embedder: options.embedder,
    exclusions: { patterns: options.exclude ?? [] },
    logger,
    yieldWhileLoading: false,
    ...(options.maxNoteBytes === undefined ? {} : { maxNoteBytes: options.maxNoteBytes }),
  });
  if (options.onProgress) indexer.onProgress(options.onProgress);
  return { indexer, searcher: new Searcher(indexer), indexDir };
}
