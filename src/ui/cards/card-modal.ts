/** The card in a modal: for the "show concept card" command, from the keyboard. */
import { Modal, type App } from 'obsidian';
import type { PluginContext } from '../../plugin-context';
import { mountCard } from './card-mount';

export class CardModal extends Modal {
  constructor(
    app: App,
    private readonly ctx: PluginContext,
    private readonly linktext: string,
    private readonly sourcePath: string,
  ) {
    super(app);
  }

  override onOpen(): void {
    this.modalEl.addClass('amn-card-modal');
    void mountCard(this.contentEl.createDiv(), this.ctx, this.linktext, this.sourcePath, () => this.close());
  }

  override onClose(): void {
    this.contentEl.empty();
  }
}
