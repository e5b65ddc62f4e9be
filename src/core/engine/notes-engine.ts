import type { Indexer } from '../index/indexer';
import type { IndexProgress, IndexStatus, NoteRecord } from '../index/types';
import type { Searcher } from '../search/searcher';
import { LinkGraph } from '../graph/link-graph';
import { createLinkResolver, type LinkResolver } from '../graph/link-resolver';
import type { Generator } from '../ports';

/** Where the embedding model stands; anything but `ready` means keyword search only. */
export type ModelState =
  | { kind: 'idle' }
  | { kind: 'loading'; modelId: string }
  | { kind: 'downloading'; modelId: string; bytesDone: number; bytesTotal?: number; percent?: number; file?: string }
  | { kind: 'ready'; modelId: string; backend: string }
  | { kind: 'unavailable'; modelId: string; reason: string };

/** What views read to decide what to show; `revision` moves whenever index contents change. */
export interface EngineSnapshot {
  revision: number;
  model: ModelState;
  /** Progress of the running sync, or null when idle. */
  indexing: IndexProgress | null;
  /** The stored index is loaded: search works (possibly keyword-only or incomplete). */
  indexReady: boolean;
  /** Set when the engine could not start at all (storage unavailable…), with the reason. */
  error?: string;
}

/**
 * The one surface views, commands and the CLI use: the index, search, the link graph and an
 * optional LLM. The CLI builds it from an opened index; the plugin's engine adds the model
 * lifecycle, vault events and persistence around the same object.
 */
export interface NotesEngine {
  snapshot(): EngineSnapshot;
  /** Called after every change of the snapshot; returns an unsubscribe function. */
  onChange(listener: (snapshot: EngineSnapshot) => void): () => void;
  /** Resolves when the stored index is loaded (immediately in the CLI). */
  whenReady(): Promise<void>;
  /** Null until the stored index is loaded. */
  indexer(): Indexer | null;
  searcher(): Searcher | null;
  /** The wikilink graph of the indexed notes, rebuilt lazily when the revision moves. */
  graph(): LinkGraph;
  resolveLink(linkpath: string, sourcePath: string): string | null;
  note(path: string): NoteRecord | undefined;
  /** The configured LLM for generative answers, or null (extractive answers only). */
  generator(): Generator | null;
  /** Moves a note to the front of the embedding queue (the active note). */
  prioritize(path: string): void;
  status(): Promise<IndexStatus | null>;
}

export interface StaticEngineOptions {
  indexer: Indexer;
  searcher: Searcher;
  model: ModelState;
  /** Obsidian's `getFirstLinkpathDest` inside the app; by default resolves over the indexed paths. */
  resolver?: LinkResolver;
  generator?: Generator | null;
}

/**
 * A NotesEngine over an already opened index: what the CLI and tests use. It has no model
 * lifecycle of its own; its revision is the index state's.
 */
export class StaticNotesEngine implements NotesEngine {
  private cachedGraph: { revision: number; graph: LinkGraph; resolver: LinkResolver } | null = null;
  private readonly listeners = new Set<(s: EngineSnapshot) => void>();
  private progress: IndexProgress | null = null;

  constructor(private readonly options: StaticEngineOptions) {
    options.indexer.onProgress((p) => {
      this.progress = p.phase === 'idle' ? null : p;
      const snap = this.snapshot();
      for (const l of this.listeners) l(snap);
    });
  }

  snapshot(): EngineSnapshot {
    return { revision: this.options.indexer.state.revision, model: this.options.model, indexing: this.progress, indexReady: true };
  }

  onChange(listener: (snapshot: EngineSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  whenReady(): Promise<void> {
    return Promise.resolve();
  }

  indexer(): Indexer {
    return this.options.indexer;
  }

  searcher(): Searcher {
    return this.options.searcher;
  }

  graph(): LinkGraph {
    return this.ensureGraph().graph;
  }

  resolveLink(linkpath: string, sourcePath: string): string | null {
    return this.ensureGraph().resolver(linkpath, sourcePath);
  }

  note(path: string): NoteRecord | undefined {
    return this.options.indexer.state.note(path);
  }

  generator(): Generator | null {
    return this.options.generator ?? null;
  }

  prioritize(path: string): void {
    this.options.indexer.prioritize(path);
  }

  status(): Promise<IndexStatus> {
    return this.options.indexer.status();
  }

  private ensureGraph(): { graph: LinkGraph; resolver: LinkResolver } {
    const state = this.options.indexer.state;
    if (this.cachedGraph && this.cachedGraph.revision === state.revision) return this.cachedGraph;
    const notes = [...state.notes()];
    const resolver = this.options.resolver ?? createLinkResolver(notes.map((n) => n.path));
    const graph = new LinkGraph(notes.map((n) => ({ path: n.path, links: n.meta.links })), resolver);
    this.cachedGraph = { revision: state.revision, graph, resolver };
    return this.cachedGraph;
  }
}
