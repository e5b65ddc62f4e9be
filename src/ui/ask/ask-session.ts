/**
 * The questions asked in this app session and the one running now, without any DOM: the panel
 * renders it, commands feed it. One question runs at a time; asking again cancels the previous.
 */
import type { Lang } from '../../core/answer/types';
import type { NotesEngine } from '../../core/engine';
import type { Generator } from '../../core/ports';
import { askNotes, type AskResult, type AskRetrievalInfo } from '../../core/retrieval/ask-notes';
import type { AskScope } from '../../core/retrieval/ask-scope';
import type { Passage } from '../../core/retrieval/types';

export type AskStatus = 'retrieving' | 'answering' | 'done' | 'cancelled' | 'failed';

export interface AskEntry {
  readonly id: number;
  readonly question: string;
  readonly scope: AskScope;
  /** How the scope reads in the panel ("Folder Modelos"). */
  readonly scopeLabel: string;
  status: AskStatus;
  /** Chunk ids the user unticked; the next run leaves them out. */
  excluded: Set<string>;
  /** The unticked passages, so the panel can still list them (ticked off) and take them back. */
  dropped: Passage[];
  /** Generative mode: the text streamed so far (unchecked). */
  streamed: string;
  /** Name of the LLM that is answering, while it does. */
  generatorName?: string;
  retrieval?: AskRetrievalInfo;
  result?: AskResult;
  /** Why the run failed (not an LLM failure: those fall back to the extractive answer). */
  error?: string;
}

export interface AskSessionDeps {
  engine: NotesEngine;
  /** The configured LLM, read at each question (settings may change), or null. */
  generator: () => Generator | null;
  /** Passages per answer (the `askSourceCount` setting). */
  sourceCount: () => number;
  /** Obsidian's shortest unambiguous link path for a note, so copied wikilinks resolve. */
  linkpath?: (passage: Passage) => string;
  defaultLang?: () => Lang;
}

export class AskSession {
  readonly history: AskEntry[] = [];
  private shownId: number | null = null;
  private running: { entry: AskEntry; controller: AbortController } | null = null;
  private nextId = 1;
  private readonly listeners = new Set<(entry: AskEntry | null) => void>();
  /** The latest run of each entry: an earlier run of a re-asked entry must not write over it. */
  private readonly latest = new WeakMap<AskEntry, AbortController>();

  constructor(private readonly deps: AskSessionDeps) {}

  /** The entry the panel shows: the last asked, or one picked from the history. */
  get shown(): AskEntry | null {
    return this.history.find((e) => e.id === this.shownId) ?? null;
  }

  get busy(): boolean {
    return this.running !== null;
  }

  onChange(listener: (entry: AskEntry | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Asks a new question (cancelling one still running) and shows it. */
  ask(question: string, scope: AskScope, scopeLabel: string): Promise<AskEntry> {
    const entry: AskEntry = { id: this.nextId++, question: question.trim(), scope, scopeLabel, status: 'retrieving', excluded: new Set(), dropped: [], streamed: '' };
    this.history.push(entry);
    return this.run(entry);
  }

  /** Leaves a source out of an entry, or takes it back, and asks that question again. */
  toggleSource(entry: AskEntry, passage: Passage, include: boolean): Promise<AskEntry> {
    if (include) {
      entry.excluded.delete(passage.chunkId);
      entry.dropped = entry.dropped.filter((p) => p.chunkId !== passage.chunkId);
    } else if (!entry.excluded.has(passage.chunkId)) {
      entry.excluded.add(passage.chunkId);
      entry.dropped.push(passage);
    }
    return this.run(entry);
  }

  show(entry: AskEntry): void {
    this.shownId = entry.id;
    this.emit();
  }

  /** Stops the running question; what streamed so far stays visible, marked cancelled. */
  cancel(): void {
    this.running?.controller.abort();
  }

  private async run(entry: AskEntry): Promise<AskEntry> {
    this.cancel();
    const controller = new AbortController();
    const running = { entry, controller };
    this.running = running;
    this.latest.set(entry, controller);
    this.shownId = entry.id;
    const generator = this.deps.generator();
    Object.assign(entry, { status: 'retrieving', streamed: '', retrieval: undefined, result: undefined, error: undefined, generatorName: generator?.name });
    this.emit();
    const current = () => !controller.signal.aborted && this.latest.get(entry) === controller;
    const linkpath = this.deps.linkpath;
    const lang = this.deps.defaultLang?.();
    try {
      const result = await askNotes(this.deps.engine, {
        question: entry.question,
        scope: entry.scope,
        k: this.deps.sourceCount(),
        exclude: entry.excluded,
        generator,
        signal: controller.signal,
        ...(linkpath ? { linkpath: (p: Passage) => linkpath(p) } : {}),
        ...(lang ? { defaultLang: lang } : {}),
        onRetrieved: (retrieval) => {
          if (!current()) return;
          entry.retrieval = retrieval;
          entry.status = 'answering';
          this.emit();
        },
        onToken: (token) => {
          if (!current()) return;
          entry.streamed += token;
          this.emit();
        },
      });
      if (this.latest.get(entry) !== controller) return entry;
      if (controller.signal.aborted) entry.status = 'cancelled';
      else Object.assign(entry, { status: 'done', result });
    } catch (error) {
      if (this.latest.get(entry) !== controller) return entry;
      if (controller.signal.aborted) entry.status = 'cancelled';
      else Object.assign(entry, { status: 'failed', error: error instanceof Error ? error.message : String(error) });
    } finally {
      if (this.running === running) this.running = null;
    }
    this.emit();
    return entry;
  }

  private emit(): void {
    const shown = this.shown;
    for (const listener of this.listeners) listener(shown);
  }
}
