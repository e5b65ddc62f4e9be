/**
 * `Setting` and its components with real inputs, `PluginSettingTab`, and `app.setting`, which
 * opens a plugin's tab in a settings modal like Obsidian's (vertical tab list + content).
 */
import { setIcon, setTooltip } from './ui';
import type { App } from './app';

export class BaseComponent {
  disabled = false;
  then(cb: (component: this) => unknown): this {
    cb(this);
    return this;
  }
  setDisabled(disabled: boolean): this {
    this.disabled = disabled;
    return this;
  }
}

/** Shared by text-like inputs: `onChange` fires on every `input` event, as in Obsidian. */
abstract class InputComponent<T extends HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, V> extends BaseComponent {
  protected changeCallback: ((value: V) => unknown) | null = null;
  constructor(
    public el: T,
    event: 'input' | 'change',
  ) {
    super();
    el.addEventListener(event, () => this.onChanged());
  }
  abstract getValue(): V;
  onChanged(): void {
    this.changeCallback?.(this.getValue());
  }
  onChange(callback: (value: V) => unknown): this {
    this.changeCallback = callback;
    return this;
  }
  override setDisabled(disabled: boolean): this {
    this.el.disabled = disabled;
    return super.setDisabled(disabled);
  }
}

export class TextComponent extends InputComponent<HTMLInputElement, string> {
  inputEl: HTMLInputElement;
  constructor(containerEl: HTMLElement, type = 'text') {
    const inputEl = containerEl.createEl('input', { type, attr: { spellcheck: 'false' } });
    super(inputEl, 'input');
    this.inputEl = inputEl;
  }
  getValue(): string {
    return this.inputEl.value;
  }
  setValue(value: string): this {
    this.inputEl.value = value;
    return this;
  }
  setPlaceholder(placeholder: string): this {
    this.inputEl.placeholder = placeholder;
    return this;
  }
}

export class SearchComponent extends TextComponent {
  clearButtonEl: HTMLElement;
  constructor(containerEl: HTMLElement) {
    super(containerEl.createDiv('search-input-container'), 'search');
    this.clearButtonEl = this.inputEl.parentElement!.createDiv('search-input-clear-button');
    this.clearButtonEl.addEventListener('click', () => {
      this.setValue('');
      this.onChanged();
    });
  }
}

export class TextAreaComponent extends InputComponent<HTMLTextAreaElement, string> {
  inputEl: HTMLTextAreaElement;
  constructor(containerEl: HTMLElement) {
    const inputEl = containerEl.createEl('textarea');
    super(inputEl, 'input');
    this.inputEl = inputEl;
  }
  getValue(): string {
    return this.inputEl.value;
  }
  setValue(value: string): this {
    this.inputEl.value = value;
    return this;
  }
  setPlaceholder(placeholder: string): this {
    this.inputEl.placeholder = placeholder;
    return this;
  }
}

export class DropdownComponent extends InputComponent<HTMLSelectElement, string> {
  selectEl: HTMLSelectElement;
  constructor(containerEl: HTMLElement) {
    const selectEl = containerEl.createEl('select', { cls: 'dropdown' });
    super(selectEl, 'change');
    this.selectEl = selectEl;
  }
  addOption(value: string, display: string): this {
    this.selectEl.createEl('option', { value, text: display });
    return this;
  }
  addOptions(options: Record<string, string>): this {
    for (const [v, d] of Object.entries(options)) this.addOption(v, d);
    return this;
  }
  getValue(): string {
    return this.selectEl.value;
  }
  setValue(value: string): this {
    this.selectEl.value = value;
    return this;
  }
}

export class SliderComponent extends InputComponent<HTMLInputElement, number> {
  sliderEl: HTMLInputElement;
  constructor(containerEl: HTMLElement) {
    const sliderEl = containerEl.createEl('input', { type: 'range', cls: 'slider' });
    super(sliderEl, 'input');
    this.sliderEl = sliderEl;
  }
  setLimits(min: number | null, max: number | null, step: number | 'any'): this {
    if (min !== null) this.sliderEl.min = String(min);
    if (max !== null) this.sliderEl.max = String(max);
    this.sliderEl.step = String(step);
    return this;
  }
  getValue(): number {
    return Number(this.sliderEl.value);
  }
  setValue(value: number): this {
    this.sliderEl.value = String(value);
    this.sliderEl.setAttr('aria-label', String(value));
    return this;
  }
  setInstant(_instant: boolean): this {
    return this;
  }
  setDynamicTooltip(): this {
    this.sliderEl.addEventListener('input', () => this.sliderEl.setAttr('aria-label', this.sliderEl.value));
    return this;
  }
  showTooltip(): void {}
}

export class ColorComponent extends TextComponent {
  constructor(containerEl: HTMLElement) {
    super(containerEl, 'color');
  }
}

/** A toggle is a clickable div with `is-enabled`, not a checkbox; tests click `.checkbox-container`. */
export class ToggleComponent extends BaseComponent {
  toggleEl: HTMLElement;
  private value = false;
  private changeCallback: ((value: boolean) => unknown) | null = null;
  constructor(containerEl: HTMLElement) {
    super();
    this.toggleEl = containerEl.createDiv('checkbox-container');
    this.toggleEl.createEl('input', { type: 'checkbox', attr: { tabindex: '0' } });
    this.toggleEl.addEventListener('click', () => {
      if (this.disabled) return;
      this.setValue(!this.value);
      this.changeCallback?.(this.value);
    });
  }
  getValue(): boolean {
    return this.value;
  }
  setValue(on: boolean): this {
    this.value = on;
    this.toggleEl.toggleClass('is-enabled', on);
    (this.toggleEl.firstElementChild as HTMLInputElement).checked = on;
    return this;
  }
  setTooltip(tooltip: string): this {
    setTooltip(this.toggleEl, tooltip);
    return this;
  }
  onChange(callback: (value: boolean) => unknown): this {
    this.changeCallback = callback;
    return this;
  }
  override setDisabled(disabled: boolean): this {
    this.toggleEl.toggleClass('is-disabled', disabled);
    return super.setDisabled(disabled);
  }
}

export class ButtonComponent extends BaseComponent {
  buttonEl: HTMLButtonElement;
  constructor(containerEl: HTMLElement) {
    super();
    this.buttonEl = containerEl.createEl('button');
  }
  setButtonText(name: string): this {
    this.buttonEl.setText(name);
    return this;
  }
  setIcon(icon: string): this {
    setIcon(this.buttonEl, icon);
    return this;
  }
  setCta(): this {
    this.buttonEl.addClass('mod-cta');
    return this;
  }
  removeCta(): this {
    this.buttonEl.removeClass('mod-cta');
    return this;
  }
  setWarning(): this {
    this.buttonEl.addClass('mod-warning');
    return this;
  }
  setTooltip(tooltip: string): this {
    setTooltip(this.buttonEl, tooltip);
    return this;
  }
  setClass(cls: string): this {
    this.buttonEl.addClass(cls);
    return this;
  }
  override setDisabled(disabled: boolean): this {
    this.buttonEl.disabled = disabled;
    return super.setDisabled(disabled);
  }
  onClick(callback: (evt: MouseEvent) => unknown): this {
    this.buttonEl.addEventListener('click', callback);
    return this;
  }
}

export class ExtraButtonComponent extends BaseComponent {
  extraSettingsEl: HTMLElement;
  constructor(containerEl: HTMLElement) {
    super();
    this.extraSettingsEl = containerEl.createDiv('clickable-icon extra-setting-button');
  }
  setIcon(icon: string): this {
    setIcon(this.extraSettingsEl, icon);
    return this;
  }
  setTooltip(tooltip: string): this {
    setTooltip(this.extraSettingsEl, tooltip);
    return this;
  }
  override setDisabled(disabled: boolean): this {
    this.extraSettingsEl.toggleClass('is-disabled', disabled);
    return super.setDisabled(disabled);
  }
  onClick(callback: () => unknown): this {
    this.extraSettingsEl.addEventListener('click', () => !this.disabled && callback());
    return this;
  }
}

export class ProgressBarComponent extends BaseComponent {
  progressBar: HTMLElement;
  private value = 0;
  constructor(containerEl: HTMLElement) {
    super();
    this.progressBar = containerEl.createDiv('setting-progress-bar');
    this.progressBar.createDiv('setting-progress-bar-inner');
  }
  getValue(): number {
    return this.value;
  }
  setValue(value: number): this {
    this.value = value;
    (this.progressBar.firstElementChild as HTMLElement).style.width = `${value}%`;
    return this;
  }
}

/** Picks a secret id from `app.secretStorage` (the value is the id, never the secret). */
export class SecretComponent extends DropdownComponent {
  constructor(app: App, containerEl: HTMLElement) {
    super(containerEl);
    this.addOption('', 'None');
    for (const id of app.secretStorage.listSecrets()) this.addOption(id, id);
  }
}

export class Setting {
  settingEl: HTMLElement;
  infoEl: HTMLElement;
  nameEl: HTMLElement;
  descEl: HTMLElement;
  controlEl: HTMLElement;
  components: BaseComponent[] = [];
  errorEl: HTMLElement | null = null;

  constructor(containerEl: HTMLElement) {
    this.settingEl = containerEl.createDiv('setting-item');
    this.infoEl = this.settingEl.createDiv('setting-item-info');
    this.nameEl = this.infoEl.createDiv('setting-item-name');
    this.descEl = this.infoEl.createDiv('setting-item-description');
    this.controlEl = this.settingEl.createDiv('setting-item-control');
  }
  setName(name: string | DocumentFragment): this {
    this.nameEl.setText(name);
    return this;
  }
  setDesc(desc: string | DocumentFragment): this {
    this.descEl.setText(desc);
    return this;
  }
  setClass(cls: string): this {
    this.settingEl.addClass(cls);
    return this;
  }
  setTooltip(tooltip: string): this {
    setTooltip(this.nameEl, tooltip);
    return this;
  }
  setHeading(): this {
    this.settingEl.addClass('setting-item-heading');
    return this;
  }
  setDisabled(disabled: boolean): this {
    this.settingEl.toggleClass('is-disabled', disabled);
    for (const c of this.components) c.setDisabled(disabled);
    return this;
  }
  setErrorMessage(message: string | null): this {
    this.errorEl?.detach();
    this.errorEl = message ? this.infoEl.createDiv({ cls: 'setting-item-error', text: message }) : null;
    return this;
  }
  private add<C extends BaseComponent>(component: C, cb: (c: C) => unknown): this {
    this.components.push(component);
    cb(component);
    return this;
  }
  addButton(cb: (c: ButtonComponent) => unknown): this {
    return this.add(new ButtonComponent(this.controlEl), cb);
  }
  addExtraButton(cb: (c: ExtraButtonComponent) => unknown): this {
    return this.add(new ExtraButtonComponent(this.controlEl), cb);
  }
  addToggle(cb: (c: ToggleComponent) => unknown): this {
    return this.add(new ToggleComponent(this.controlEl), cb);
  }
  addText(cb: (c: TextComponent) => unknown): this {
    return this.add(new TextComponent(this.controlEl), cb);
  }
  addSearch(cb: (c: SearchComponent) => unknown): this {
    return this.add(new SearchComponent(this.controlEl), cb);
  }
  addTextArea(cb: (c: TextAreaComponent) => unknown): this {
    return this.add(new TextAreaComponent(this.controlEl), cb);
  }
  addDropdown(cb: (c: DropdownComponent) => unknown): this {
    return this.add(new DropdownComponent(this.controlEl), cb);
  }
  addColorPicker(cb: (c: ColorComponent) => unknown): this {
    return this.add(new ColorComponent(this.controlEl), cb);
  }
  addProgressBar(cb: (c: ProgressBarComponent) => unknown): this {
    return this.add(new ProgressBarComponent(this.controlEl), cb);
  }
  addSlider(cb: (c: SliderComponent) => unknown): this {
    return this.add(new SliderComponent(this.controlEl), cb);
  }
  addComponent<T extends BaseComponent>(cb: (el: HTMLElement) => T): this {
    this.components.push(cb(this.controlEl));
    return this;
  }
  then(cb: (setting: this) => unknown): this {
    cb(this);
    return this;
  }
  clear(): this {
    this.controlEl.empty();
    this.components = [];
    return this;
  }
}

export class SettingGroup {
  listEl: HTMLElement;
  private headingEl: HTMLElement;
  constructor(containerEl: HTMLElement) {
    const groupEl = containerEl.createDiv('setting-group');
    this.headingEl = groupEl.createDiv('setting-item setting-item-heading');
    this.headingEl.hide();
    this.listEl = groupEl.createDiv('setting-items');
  }
  setHeading(text: string | DocumentFragment): this {
    this.headingEl.show();
    this.headingEl.createDiv('setting-item-name').setText(text);
    return this;
  }
  addClass(...classes: string[]): this {
    this.listEl.parentElement!.addClass(...classes);
    return this;
  }
  addSetting(cb: (setting: Setting) => void): this {
    cb(new Setting(this.listEl));
    return this;
  }
  addSearch(cb: (c: SearchComponent) => unknown): this {
    cb(new SearchComponent(this.listEl));
    return this;
  }
  addExtraButton(cb: (c: ExtraButtonComponent) => unknown): this {
    cb(new ExtraButtonComponent(this.headingEl));
    return this;
  }
}

export abstract class SettingTab {
  app: App;
  containerEl = createDiv('vertical-tab-content');
  constructor(app: App) {
    this.app = app;
  }
  abstract display(): void;
  hide(): void {
    this.containerEl.empty();
  }
}

export abstract class PluginSettingTab extends SettingTab {
  plugin: { manifest: { id: string; name: string } };
  constructor(app: App, plugin: { manifest: { id: string; name: string } }) {
    super(app);
    this.plugin = plugin;
  }
}

/** `app.setting`: the settings window, listing plugin tabs; `openTabById(pluginId)` shows one. */
export class SettingsModal {
  pluginTabs: PluginSettingTab[] = [];
  activeTab: SettingTab | null = null;
  containerEl = createDiv('modal-container mod-dim');
  private navEl: HTMLElement;
  private contentEl: HTMLElement;
  private onKey = (evt: KeyboardEvent) => {
    if (evt.key === 'Escape') this.close();
  };

  constructor() {
    this.containerEl.createDiv('modal-bg').addEventListener('click', () => this.close());
    const modal = this.containerEl.createDiv('modal mod-settings');
    modal.createDiv({ cls: 'modal-close-button', attr: { 'aria-label': 'Close' } }).addEventListener('click', () => this.close());
    const tabs = modal.createDiv('vertical-tabs-container');
    this.navEl = tabs.createDiv('vertical-tab-header').createDiv('vertical-tab-header-group');
    this.contentEl = tabs.createDiv('vertical-tab-content-container');
  }

  addSettingTab(tab: PluginSettingTab): void {
    this.pluginTabs.push(tab);
  }
  removeSettingTab(tab: PluginSettingTab): void {
    if (this.activeTab === tab) this.close();
    this.pluginTabs.remove(tab);
  }

  open(): void {
    document.body.appendChild(this.containerEl);
    window.addEventListener('keydown', this.onKey);
    this.navEl.empty();
    for (const tab of this.pluginTabs) {
      this.navEl.createDiv({ cls: 'vertical-tab-nav-item', text: tab.plugin.manifest.name, attr: { 'data-tab-id': tab.plugin.manifest.id } }).addEventListener('click', () => this.openTabById(tab.plugin.manifest.id));
    }
    if (!this.activeTab && this.pluginTabs[0]) this.openTabById(this.pluginTabs[0].plugin.manifest.id);
  }

  openTabById(id: string): PluginSettingTab | undefined {
    const tab = this.pluginTabs.find((t) => t.plugin.manifest.id === id);
    if (!tab) return undefined;
    if (!this.containerEl.isConnected) this.open();
    this.activeTab?.hide();
    this.activeTab?.containerEl.detach();
    this.activeTab = tab;
    for (const nav of Array.from(this.navEl.children)) nav.toggleClass('is-active', nav.getAttribute('data-tab-id') === id);
    this.contentEl.appendChild(tab.containerEl);
    tab.display();
    return tab;
  }

  close(): void {
    this.activeTab?.hide();
    this.activeTab?.containerEl.detach();
    this.activeTab = null;
    this.containerEl.detach();
    window.removeEventListener('keydown', this.onKey);
  }
}
