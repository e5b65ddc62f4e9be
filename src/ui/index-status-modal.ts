/**
 * "Index status": what is indexed, what was skipped or failed and why, the model, the size on
 * disk, how the index loaded, and what leaves the device. It follows the engine while open.
 */
import { Modal, Setting, type App } from 'obsidian';
import type { IndexStatus } from '../core/index/types';
import type { IndexControl } from '../obsidian/plugin-engine';
import type { AskMyNotesSettings } from '../settings';
import type { NoteWarningRow } from './note-warnings';
import { confirmRebuild } from './rebuild-confirm';
import { privacySummary } from './settings/privacy';
import { formatBytes, modelStateText, statusBarText } from './status-text';

/** Rows listed per skipped/failed group before "…and N more". */
const LIST_LIMIT = 50;

export class IndexStatusModal extends Modal {
  private unsubscribe: (() => void) | null = null;
  private rendering = false;
  private renderAgain = false;

  constructor(
    app: App,
    private readonly engine: IndexControl,
    private readonly settings: () => AskMyNotesSettings,
    /** Indexed notes with something the reader could not make sense of (see note-warnings.ts). */
    private readonly warnings: () => NoteWarningRow[] = () => [],
  ) {
    super(app);
  }

  override onOpen(): void {
    this.setTitle('Index status');
    this.modalEl.addClass('amn-status-modal');
    this.unsubscribe = this.engine.onChange(() => void this.render());
    void this.render();
  }

  override onClose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.contentEl.empty();
  }

  /** Renders from a fresh status; changes arriving meanwhile render once more afterwards. */
  async render(): Promise<void> {
    if (this.rendering) {
      this.renderAgain = true;
      return;
    }
    this.rendering = true;
    try {
      do {
        this.renderAgain = false;
        const status = await this.engine.status();
        if (this.unsubscribe === null) return;
        this.draw(status);
      } while (this.renderAgain);
    } finally {
      this.rendering = false;
    }
  }

  private draw(status: IndexStatus | null): void {
    const { contentEl } = this;
    const snapshot = this.engine.snapshot();
    // Redrawn on every change: keep the skipped/failed lists the user opened open.
    const open = new Set(Array.from(contentEl.querySelectorAll('details[open] > summary')).map((s) => s.getAttribute('data-group')));
    contentEl.empty();
    contentEl.createEl('p', { cls: 'amn-status-summary', text: statusBarText(snapshot) || 'Waiting for the vault to open.' });
    if (snapshot.error !== undefined) contentEl.createEl('p', { cls: 'amn-status-error', text: snapshot.error });

    const facts = contentEl.createEl('dl', { cls: 'amn-status-facts' });
    if (status) {
      fact(facts, 'Notes indexed', String(status.notesIndexed));
      fact(facts, 'Passages', String(status.chunksIndexed));
      fact(facts, 'Vectors', String(status.vectorsStored));
      if (status.pending > 0) fact(facts, 'Waiting', `${status.pending} notes`);
      fact(facts, 'Size on disk', `${formatBytes(status.sizeBytes)}${snapshot.storage === 'memory' ? ' (in memory only, this session)' : ''}`);
      fact(facts, 'Last update', status.lastUpdated === null ? 'never' : new Date(status.lastUpdated).toLocaleString());
      fact(facts, 'Loaded', loadText(status));
      fact(facts, 'Search', status.lexicalOnlyReason ?? `keywords and meaning (${status.kernel === 'wasm' ? 'WASM SIMD' : 'JavaScript'} scoring)`);
    }
    const model = this.engine.modelDetails();
    fact(facts, 'Model', model ? `${model.modelId}, ${model.backend}, ${model.dims} dimensions` : modelStateText(snapshot.model));
    if (status?.modelId && status.modelId !== model?.modelId) fact(facts, 'Stored vectors', `${status.modelId} (${status.dims ?? '?'} dimensions)`);
    const report = this.engine.lastSyncReport();
    if (report) {
      fact(facts, 'Last run', `${report.indexed} indexed, ${report.unchanged} unchanged, ${report.removed} removed, ${report.chunksEmbedded} passages embedded${report.cancelled ? ', stopped' : ''}`);
    }

    if (status) {
      listGroup(contentEl, 'skipped', `Skipped (${status.skipped.length})`, status.skipped.map((s) => [s.path, s.detail || s.reason]), open);
      listGroup(contentEl, 'failed', `Failed (${status.failed.length})`, status.failed.map((f) => [f.path, f.reason]), open);
      const warnings = this.warnings();
      listGroup(contentEl, 'warnings', `Indexed with warnings (${new Set(warnings.map((w) => w.path)).size})`, warnings.map((w) => [w.path, w.text]), open);
    }

    contentEl.createEl('h3', { text: 'What leaves this device' });
    const privacy = contentEl.createEl('ul', { cls: 'amn-privacy' });
    for (const line of privacySummary(this.settings())) privacy.createEl('li', { text: line });

    this.drawButtons(snapshot.model.kind === 'unavailable', snapshot.indexing !== null);
  }

  private drawButtons(modelUnavailable: boolean, indexing: boolean): void {
    const buttons = new Setting(this.contentEl).setClass('amn-status-buttons');
    if (indexing) buttons.addButton((b) => b.setButtonText('Cancel indexing').onClick(() => void this.engine.cancel()));
    buttons.addButton((b) => b.setButtonText('Re-index changed notes').onClick(() => void this.engine.reindexChanged()));
    buttons.addButton((b) => b.setButtonText('Rebuild').setWarning().onClick(() => void confirmRebuild(this.app, this.engine)));
    if (modelUnavailable) buttons.addButton((b) => b.setButtonText('Retry model').setCta().onClick(() => void this.engine.retryModel()));
  }
}

function fact(list: HTMLElement, name: string, value: string): void {
  list.createEl('dt', { text: name });
  list.createEl('dd', { text: value });
}

function loadText(status: IndexStatus): string {
  const load = status.load;
  const base = `${load.outcome}: ${load.notes} notes in ${Math.round(load.millis)} ms`;
  return load.reason ? `${base} (${load.reason})` : base;
}

function listGroup(parent: HTMLElement, id: string, title: string, rows: [string, string][], open: Set<string | null>): void {
  if (rows.length === 0) return;
  const details = parent.createEl('details', { cls: 'amn-status-list' });
  if (open.has(id)) details.setAttr('open', true);
  details.createEl('summary', { text: title, attr: { 'data-group': id } });
  const list = details.createEl('ul');
  for (const [path, why] of rows.slice(0, LIST_LIMIT)) {
    const item = list.createEl('li');
    item.createSpan({ cls: 'amn-status-path', text: path });
    item.appendText(`: ${why}`);
  }
  if (rows.length > LIST_LIMIT) list.createEl('li', { text: `…and ${rows.length - LIST_LIMIT} more` });
}
