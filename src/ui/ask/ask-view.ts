/**
 * The "Ask my notes" panel (right sidebar): a question box, the answer with clickable and
 * hoverable citations, its sources (each can be dropped, which asks again), copy/insert actions,
 * the scope control, and this session's questions. Everything on screen is built with DOM
 * methods or Obsidian's MarkdownRenderer; no note or LLM text ever goes through innerHTML.
 */
import { Component, ItemView, Keymap, MarkdownView, Notice, setTooltip, type WorkspaceLeaf } from 'obsidian';
import { toMarkdownWithWikilinks } from '../../core/answer/markdown-export';
import type { NumberedSource } from '../../core/answer/types';
import type { NotesEngine } from '../../core/engine';
import type { Passage } from '../../core/retrieval/types';
import { renderAnswer } from './answer-render';
import type { AskEntry, AskSession } from './ask-session';
import { statusLine } from './index-status';
import { resolveChoice, SCOPE_LABELS, type ScopeChoice } from './scope-choice';

export const ASK_VIEW_TYPE = 'ask-my-notes-ask';
export const ASK_ICON = 'message-square';

/** Streaming re-renders at most this often. */
const STREAM_RENDER_MS = 80;
const SNIPPET_CHARS = 220;

export class AskView extends ItemView {
  override icon = ASK_ICON;
  private inputEl!: HTMLTextAreaElement;
  private scopeEl!: HTMLSelectElement;
  private askButton!: HTMLButtonElement;
  private cancelButton!: HTMLButtonElement;
  private statusEl!: HTMLElement;
  private resultHost!: HTMLElement;
  private historyEl!: HTMLElement;
  private rendered: Component | null = null;
  private generation = 0;
  private renderTimer: number | null = null;

  constructor(
    leaf: WorkspaceLeaf,
    private readonly session: AskSession,
    private readonly engine: NotesEngine,
  ) {
    super(leaf);
  }

  getViewType(): string {
    return ASK_VIEW_TYPE;
  }

  getDisplayText(): string {
    return 'Ask my notes';
  }

  override async onOpen(): Promise<void> {
    const root = this.contentEl;
    root.empty();
    root.addClass('amn-ask-view');
    this.statusEl = root.createDiv({ cls: 'amn-ask-status' });
    const form = root.createDiv({ cls: 'amn-ask-form' });
    this.inputEl = form.createEl('textarea', {
      cls: 'amn-ask-input',
      attr: { rows: 3, placeholder: 'Ask a question about your notes (Enter to ask, Shift+Enter for a new line)', 'aria-label': 'Question' },
    });
    const controls = form.createDiv({ cls: 'amn-ask-controls' });
    this.scopeEl = controls.createEl('select', { cls: 'dropdown amn-ask-scope', attr: { 'aria-label': 'Where to look' } });
    for (const [value, label] of Object.entries(SCOPE_LABELS)) this.scopeEl.createEl('option', { text: label, attr: { value } });
    this.askButton = controls.createEl('button', { cls: 'mod-cta amn-ask-submit', text: 'Ask' });
    this.cancelButton = controls.createEl('button', { cls: 'amn-ask-cancel', text: 'Cancel' });
    this.cancelButton.hide();
    this.resultHost = root.createDiv({ cls: 'amn-ask-result' });
    this.historyEl = root.createDiv({ cls: 'amn-ask-history' });

    this.registerDomEvent(this.inputEl, 'keydown', (evt: KeyboardEvent) => {
      if (evt.key !== 'Enter' || evt.shiftKey || evt.isComposing) return;
      evt.preventDefault();
      this.submit();
    });
    this.registerDomEvent(this.askButton, 'click', () => this.submit());
    this.registerDomEvent(this.cancelButton, 'click', () => this.session.cancel());
    this.register(this.session.onChange(() => this.scheduleRender()));
    this.register(this.engine.onChange(() => this.renderStatus()));
    this.register(() => {
      if (this.renderTimer !== null) window.clearTimeout(this.renderTimer);
    });
    this.renderStatus();
    await this.render();
  }

  override async onClose(): Promise<void> {
    this.rendered?.unload();
    this.rendered = null;
    return Promise.resolve();
  }

  /** Puts text in the question box (e.g. the editor's selection) without asking yet. */
  setQuestion(text: string): void {
    this.inputEl.value = text;
    this.inputEl.focus();
  }

  /** Asks what the question box holds, in the chosen scope. */
  submit(): void {
    const question = this.inputEl.value.trim();
    if (!question) return;
    const resolved = resolveChoice(this.scopeEl.value as ScopeChoice, this.app.workspace.getActiveFile()?.path ?? null);
    if ('error' in resolved) {
      new Notice(resolved.error);
      return;
    }
    void this.session.ask(question, resolved.scope, resolved.label);
  }

  private renderStatus(): void {
    const line = statusLine(this.engine.snapshot());
    this.statusEl.empty();
    this.statusEl.toggle(line !== null);
    if (!line) return;
    this.statusEl.setText(line.text);
    this.statusEl.setAttr('data-kind', line.kind);
  }

  /** Token bursts collapse into one render; anything else renders at once. */
  private scheduleRender(): void {
    const entry = this.session.shown;
    if (entry?.status === 'answering' && entry.streamed !== '') {
      if (this.renderTimer === null) {
        this.renderTimer = window.setTimeout(() => {
          this.renderTimer = null;
          void this.render();
        }, STREAM_RENDER_MS);
      }
      return;
    }
    if (this.renderTimer !== null) window.clearTimeout(this.renderTimer);
    this.renderTimer = null;
    void this.render();
  }

  /** Builds the result off-screen and swaps it in, so a slower earlier render can never land on top. */
  private async render(): Promise<void> {
    const generation = ++this.generation;
    const entry = this.session.shown;
    const busy = this.session.busy;
    this.askButton.toggle(!busy);
    this.cancelButton.toggle(busy);
    const component = new Component();
    component.load();
    const el = createDiv({ cls: 'amn-ask-entry' });
    if (entry) await this.renderEntry(el, entry, component);
    if (generation !== this.generation) {
      component.unload();
      return;
    }
    this.resultHost.empty();
    this.resultHost.appendChild(el);
    this.rendered?.unload();
    this.rendered = component;
    this.renderHistory();
  }

  private async renderEntry(el: HTMLElement, entry: AskEntry, component: Component): Promise<void> {
    const head = el.createDiv({ cls: 'amn-ask-question' });
    head.createDiv({ cls: 'amn-ask-question-text', text: entry.question });
    head.createDiv({ cls: 'amn-ask-scope-label', text: entry.scopeLabel });

    const result = entry.result;
    const sources = result?.sources ?? entry.retrieval?.sources ?? [];
    if (entry.status === 'retrieving') el.createDiv({ cls: 'amn-ask-progress', text: 'Searching your notes…' });
    if (entry.status === 'answering') {
      el.createDiv({ cls: 'amn-ask-progress', text: entry.generatorName ? `Asking ${entry.generatorName}…` : 'Writing the answer…' });
    }
    if (entry.status === 'failed') el.createDiv({ cls: 'amn-ask-error', text: `Could not answer: ${entry.error ?? 'unknown error'}` });
    if (entry.status === 'cancelled') el.createDiv({ cls: 'amn-ask-notice', text: 'Cancelled.' });

    if (result) {
      el.createDiv({
        cls: 'amn-ask-mode',
        text: result.mode === 'generative' ? `Written by ${entry.generatorName ?? 'the LLM'} from your notes: check the citations.` : 'Quoted from your notes.',
      });
      if (result.llmError) {
        const box = el.createDiv({ cls: 'amn-ask-error' });
        box.createDiv({ text: 'The LLM did not answer, so this answer quotes your notes instead.' });
        box.createDiv({ cls: 'amn-ask-error-detail', text: result.llmError });
      }
    }

    const answerEl = el.createDiv({ cls: 'amn-ask-answer markdown-rendered' });
    const text = result ? result.answer : entry.streamed;
    if (result && !result.found) {
      answerEl.addClass('amn-ask-not-found');
      answerEl.setText(result.answer);
    } else if (text) {
      await renderAnswer({
        app: this.app,
        el: answerEl,
        markdown: text,
        valid: new Set(sources.map((s) => s.n)),
        component,
        citation: (n) => this.citationEl(sources.find((s) => s.n === n)!),
        uncited: result?.uncited.map((u) => u.text) ?? [],
      });
    }

    if (result) {
      this.renderWarnings(el, result.invalidCitations, result.uncited.map((u) => u.text), sources.length);
      if (result.found) this.renderActions(el, result);
    }
    if (sources.length > 0 || entry.dropped.length > 0) this.renderSources(el, entry, sources, result?.citations.map((c) => c.n) ?? []);
  }

  private renderWarnings(el: HTMLElement, invalid: readonly number[], uncited: readonly string[], sourceCount: number): void {
    if (invalid.length === 0 && uncited.length === 0) return;
    const box = el.createDiv({ cls: 'amn-ask-warnings' });
    if (invalid.length > 0) {
      const list = invalid.map((n) => `[${n}]`).join(', ');
      box.createDiv({ cls: 'amn-ask-invalid', text: `The answer cited ${list}, but only ${sourceCount} sources were given: removed.` });
    }
    if (uncited.length > 0) {
      box.createDiv({ text: uncited.length === 1 ? 'This sentence cites no source:' : 'These sentences cite no source:' });
      const ul = box.createEl('ul', { cls: 'amn-ask-uncited-list' });
      for (const sentence of uncited) ul.createEl('li', { text: sentence });
    }
  }

  private renderActions(el: HTMLElement, result: NonNullable<AskEntry['result']>): void {
    const actions = el.createDiv({ cls: 'amn-ask-actions' });
    const markdown = () => toMarkdownWithWikilinks(result);
    const copy = actions.createEl('button', { cls: 'amn-ask-copy', text: 'Copy as Markdown' });
    copy.addEventListener('click', () => {
      void navigator.clipboard.writeText(markdown()).then(
        () => new Notice('Answer copied with its citations as wikilinks.'),
        (error: unknown) => new Notice(`Could not copy: ${error instanceof Error ? error.message : String(error)}`),
      );
    });
    const insert = actions.createEl('button', { cls: 'amn-ask-insert', text: 'Insert into note' });
    insert.addEventListener('click', () => this.insertIntoNote(markdown()));
  }

  /** Inserts into the note last edited in the main area (the panel itself has the focus now). */
  private insertIntoNote(markdown: string): void {
    const view = this.app.workspace.getMostRecentLeaf()?.view;
    if (!(view instanceof MarkdownView)) {
      new Notice('Open a note in the editor first, then insert the answer into it.');
      return;
    }
    view.editor.replaceSelection(markdown);
    new Notice(`Answer inserted into ${view.file?.basename ?? 'the note'}.`);
  }

  private renderSources(el: HTMLElement, entry: AskEntry, sources: readonly NumberedSource[], cited: readonly number[]): void {
    const box = el.createDiv({ cls: 'amn-ask-sources' });
    box.createDiv({ cls: 'amn-ask-sources-title', text: 'Sources' });
    const list = box.createEl('ul');
    const editable = entry.status === 'done' || entry.status === 'cancelled' || entry.status === 'failed';
    for (const source of sources) {
      this.sourceItem(list, entry, source.passage, { n: source.n, cited: cited.includes(source.n), checked: true, editable });
    }
    for (const passage of entry.dropped) this.sourceItem(list, entry, passage, { cited: false, checked: false, editable });
  }

  private sourceItem(list: HTMLElement, entry: AskEntry, passage: Passage, state: { n?: number; cited: boolean; checked: boolean; editable: boolean }): void {
    const item = list.createEl('li', { cls: 'amn-ask-source' });
    item.toggleClass('amn-ask-source-cited', state.cited);
    item.toggleClass('amn-ask-source-dropped', !state.checked);
    const row = item.createDiv({ cls: 'amn-ask-source-row' });
    const box = row.createEl('input', { attr: { type: 'checkbox', 'aria-label': state.checked ? 'Use this source (untick to ask again without it)' : 'Use this source again' } });
    box.checked = state.checked;
    box.disabled = !state.editable;
    box.addEventListener('change', () => void this.session.toggleSource(entry, passage, box.checked));
    if (state.n !== undefined) row.createSpan({ cls: 'amn-ask-source-number', text: `[${state.n}]` });
    const link = row.createEl('a', { cls: 'amn-ask-source-link', text: sourceName(passage), attr: { href: '#' } });
    link.addEventListener('click', (evt) => {
      evt.preventDefault();
      void this.openPassage(passage, evt);
    });
    row.createSpan({ cls: 'amn-ask-source-score', text: passage.score.toFixed(2) });
    item.createDiv({ cls: 'amn-ask-source-snippet', text: snippet(passage.text) });
    item.createDiv({ cls: 'amn-ask-source-path', text: `${passage.path}, line ${passage.startLine + 1}` });
  }

  /** `[n]`: opens the cited place on click; hovering shows the passage (and the page preview with Mod). */
  private citationEl(source: NumberedSource): HTMLElement {
    const el = createEl('a', { cls: 'amn-ask-citation', text: `[${source.n}]`, attr: { href: '#', 'data-n': String(source.n), 'data-href': source.citation.linktext } });
    setTooltip(el, `${sourceName(source.passage)}\n${snippet(source.passage.text)}`);
    el.addEventListener('click', (evt) => {
      evt.preventDefault();
      void this.openPassage(source.passage, evt);
    });
    el.addEventListener('mouseover', (event) => {
      this.app.workspace.trigger('hover-link', { event, source: ASK_VIEW_TYPE, hoverParent: this, targetEl: el, linktext: source.citation.linktext, sourcePath: '' });
    });
    return el;
  }

  private async openPassage(passage: Passage, evt: MouseEvent): Promise<void> {
    const file = this.app.vault.getFileByPath(passage.path);
    if (!file) {
      new Notice(`${passage.path} is no longer in the vault.`);
      return;
    }
    await this.app.workspace.getLeaf(Keymap.isModEvent(evt)).openFile(file, { active: true, eState: { line: passage.startLine } });
  }

  private renderHistory(): void {
    this.historyEl.empty();
    const earlier = this.session.history;
    if (earlier.length < 2) return;
    this.historyEl.createDiv({ cls: 'amn-ask-history-title', text: 'This session' });
    const list = this.historyEl.createEl('ul');
    const shown = this.session.shown;
    for (const entry of [...earlier].reverse()) {
      const item = list.createEl('li');
      const button = item.createEl('button', { cls: 'amn-ask-history-item', text: entry.question, attr: { title: entry.scopeLabel } });
      button.toggleClass('is-active', entry === shown);
      button.addEventListener('click', () => this.session.show(entry));
    }
  }
}

function sourceName(passage: Passage): string {
  const heading = passage.headingTrail[passage.headingTrail.length - 1];
  return heading && heading !== passage.title ? `${passage.title} › ${heading}` : passage.title;
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SNIPPET_CHARS ? `${flat.slice(0, SNIPPET_CHARS - 1).trimEnd()}…` : flat;
}
