/**
 * "Choose or download embedding model": the known models with size, languages and dimensions,
 * any other Hugging Face id, and a vault folder for devices without internet. Switching warns
 * that the index is rebuilt, and does it only when confirmed.
 */
import { Modal, Notice, Setting, type App } from 'obsidian';
import { normalizeHost } from '../core/embedding/hub';
import { KNOWN_MODELS, isHubModelId, resolveModelSpec, type ModelSpec } from '../core/embedding/models';
import type { IndexControl } from '../obsidian/plugin-engine';
import type { AskMyNotesSettings } from '../settings';
import { confirm } from './confirm-modal';
import { hostOf } from './settings/privacy';
import { modelStateText } from './status-text';

export interface ModelSettingsAccess {
  settings(): AskMyNotesSettings;
  updateSettings(patch: Partial<AskMyNotesSettings>): Promise<void>;
}

export class ModelModal extends Modal {
  private unsubscribe: (() => void) | null = null;
  private statusEl: HTMLElement | null = null;

  constructor(
    app: App,
    private readonly access: ModelSettingsAccess,
    private readonly engine: IndexControl,
  ) {
    super(app);
  }

  override onOpen(): void {
    this.setTitle('Embedding model');
    this.modalEl.addClass('amn-model-modal');
    this.unsubscribe = this.engine.onChange((snapshot) => this.statusEl?.setText(modelStateText(snapshot.model)));
    this.render();
  }

  override onClose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.contentEl.empty();
  }

  render(): void {
    const { contentEl } = this;
    const settings = this.access.settings();
    contentEl.empty();
    this.statusEl = contentEl.createEl('p', { cls: 'amn-model-status', text: modelStateText(this.engine.snapshot().model) });
    if (settings.engine === 'remote') {
      contentEl.createEl('p', { text: 'Embeddings now come from the remote server in the settings. Choosing a model here runs it on this device instead.' });
    }

    for (const spec of KNOWN_MODELS) {
      const inUse = settings.engine === 'local' && settings.modelId === spec.id;
      const row = new Setting(contentEl).setName(spec.label).setDesc(describeModel(spec));
      row.addButton((button) => {
        button.setButtonText(inUse ? 'In use' : 'Use').setDisabled(inUse);
        if (!inUse) button.onClick(() => void this.choose(spec.id));
      });
      void this.engine.isModelStored(spec.id).then((stored) => {
        if (stored) row.descEl.appendText(' · downloaded');
      });
    }

    let customId = KNOWN_MODELS.some((m) => m.id === settings.modelId) ? '' : settings.modelId;
    new Setting(contentEl)
      .setName('Other Hugging Face model')
      .setDesc('Any sentence-embedding model with ONNX weights, as organisation/name (e.g. Xenova/…). Without known settings it gets mean pooling and no prefixes.')
      .addText((text) => text.setPlaceholder('organisation/name').setValue(customId).onChange((value) => (customId = value.trim())))
      .addButton((button) => button.setButtonText('Use').onClick(() => void this.choose(customId)));

    new Setting(contentEl)
      .setName('Local model folder')
      .setDesc('A vault folder holding model folders (organisation/name/ with config.json, tokenizer.json and onnx/), read before any download: for devices without internet. Leave empty to download.')
      .addText((text) =>
        text
          .setPlaceholder('e.g. .models')
          .setValue(settings.localModelFolder)
          .onChange((value) => void this.access.updateSettings({ localModelFolder: value.trim() })),
      )
      .addButton((button) => button.setButtonText('Reload model').onClick(() => void this.engine.switchModel()));
  }

  /** Asks, then switches: the settings change first, so the engine loads the new model. */
  async choose(modelId: string): Promise<boolean> {
    const id = modelId.trim();
    const settings = this.access.settings();
    if (!id || (settings.engine === 'local' && settings.modelId === id)) return false;
    if (!isHubModelId(id) && !settings.localModelFolder.trim()) {
      new Notice(`"${id}" is not a Hugging Face id (organisation/name). Set a local model folder to use a model by its folder name.`);
      return false;
    }
    const [status, stored] = await Promise.all([this.engine.status(), this.engine.isModelStored(id)]);
    const spec = resolveModelSpec(id);
    const notes = status ? `${status.notesIndexed} notes are` : 'every note is';
    const download = stored ? '' : ` It is downloaded first (${spec.approxDownloadMB ? `about ${spec.approxDownloadMB} MB ` : ''}from ${downloadHost(settings)}).`;
    const ok = await confirm(this.app, {
      title: 'Switch the embedding model?',
      message: `The index is rebuilt with ${spec.label}: ${notes} embedded again.${download} Keyword search keeps working meanwhile.`,
      confirmText: 'Switch and rebuild',
    });
    if (!ok) return false;
    await this.access.updateSettings({ modelId: id, engine: 'local' });
    await this.engine.switchModel();
    this.render();
    return true;
  }
}

export function describeModel(spec: ModelSpec): string {
  const parts = [spec.id];
  if (spec.dims !== undefined) parts.push(`${spec.dims} dimensions`);
  parts.push(languagesText(spec.languages));
  if (spec.approxDownloadMB !== undefined) parts.push(`about ${spec.approxDownloadMB} MB`);
  if (spec.licence) parts.push(spec.licence);
  return parts.join(' · ');
}

function languagesText(languages: readonly string[]): string {
  if (languages.includes('multi')) return 'about 100 languages';
  const names: Record<string, string> = { en: 'English', pt: 'Portuguese' };
  return languages.map((l) => names[l] ?? l).join(', ') || 'languages unknown';
}

function downloadHost(settings: AskMyNotesSettings): string {
  try {
    return hostOf(normalizeHost(settings.modelMirrorHost)) ?? 'huggingface.co';
  } catch {
    return settings.modelMirrorHost;
  }
}
