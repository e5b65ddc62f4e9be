/** A yes/no question before something long or destructive (rebuilding the index, switching models). */
import { Modal, Setting, type App } from 'obsidian';

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmText: string;
  /** Red button for what discards work. */
  warning?: boolean;
}

export function confirm(app: App, options: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => new ConfirmModal(app, options, resolve).open());
}

class ConfirmModal extends Modal {
  private answered = false;

  constructor(
    app: App,
    private readonly options: ConfirmOptions,
    private readonly resolve: (answer: boolean) => void,
  ) {
    super(app);
  }

  override onOpen(): void {
    this.setTitle(this.options.title);
    this.contentEl.createEl('p', { text: this.options.message });
    new Setting(this.contentEl)
      .addButton((button) => button.setButtonText('Cancel').onClick(() => this.answer(false)))
      .addButton((button) => {
        button.setButtonText(this.options.confirmText).onClick(() => this.answer(true));
        if (this.options.warning) button.setWarning();
        else button.setCta();
      });
  }

  override onClose(): void {
    this.contentEl.empty();
    if (!this.answered) this.resolve(false);
  }

  private answer(value: boolean): void {
    this.answered = true;
    this.resolve(value);
    this.close();
  }
}
