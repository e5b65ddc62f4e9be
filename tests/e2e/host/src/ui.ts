/** Icons, tooltips, `Notice`, `Modal` and `Menu`, with Obsidian's DOM classes so plugin CSS applies. */
import { Component } from './events';
import { reportError } from './errors';
import type { App } from './app';

const SVG_NS = 'http://www.w3.org/2000/svg';
const customIcons = new Map<string, string>();

/** Registers an icon from SVG content (drawn in a 0 0 100 100 box, as Obsidian expects). */
export function addIcon(iconId: string, svgContent: string): void {
  customIcons.set(iconId, svgContent);
}
export function removeIcon(iconId: string): void {
  customIcons.delete(iconId);
}
export function getIconIds(): string[] {
  return [...customIcons.keys()];
}

/**
 * Obsidian draws Lucide icons; the host has no icon set, so every Lucide id becomes the same
 * neutral glyph, but with Obsidian's classes (`svg-icon lucide-<id>`) so selectors and CSS match.
 */
export function getIcon(iconId: string): SVGSVGElement | null {
  const custom = customIcons.get(iconId);
  if (custom !== undefined) {
    const parsed = new DOMParser().parseFromString(`<svg xmlns="${SVG_NS}" viewBox="0 0 100 100" class="svg-icon ${iconId}">${custom}</svg>`, 'image/svg+xml');
    return document.importNode(parsed.documentElement, true) as unknown as SVGSVGElement;
  }
  const svg = document.createElementNS(SVG_NS, 'svg');
  for (const [k, v] of Object.entries({ viewBox: '0 0 24 24', width: '24', height: '24', fill: 'none', stroke: 'currentColor', 'stroke-width': '2', class: `svg-icon lucide-${iconId.replace(/^lucide-/, '')}` })) svg.setAttribute(k, v);
  const shape = document.createElementNS(SVG_NS, 'rect');
  for (const [k, v] of Object.entries({ x: '5', y: '5', width: '14', height: '14', rx: '4' })) shape.setAttribute(k, v);
  svg.appendChild(shape);
  return svg;
}

export function setIcon(parent: HTMLElement, iconId: string): void {
  parent.empty();
  const icon = getIcon(iconId);
  if (icon) parent.appendChild(icon);
}

/** Obsidian keeps the tooltip text in `aria-label` and shows it on hover; the host keeps the attribute only. */
export function setTooltip(el: HTMLElement, tooltip: string, options?: { placement?: string; delay?: number }): void {
  el.setAttr('aria-label', tooltip || null);
  if (options?.placement) el.setAttr('data-tooltip-position', options.placement);
}

let noticeContainer: HTMLElement | null = null;
/** Every message ever shown, for assertions after the toast is gone. */
export const noticeLog: string[] = [];

export class Notice {
  noticeEl: HTMLElement;
  containerEl: HTMLElement;
  messageEl: HTMLElement;

  constructor(message: string | DocumentFragment, duration?: number) {
    if (!noticeContainer?.isConnected) noticeContainer = document.body.createDiv('notice-container');
    this.containerEl = noticeContainer.createDiv('notice');
    this.noticeEl = this.containerEl;
    this.messageEl = this.containerEl.createDiv('notice-message');
    this.setMessage(message);
    this.containerEl.addEventListener('click', () => this.hide());
    const ms = duration ?? 5000;
    if (ms > 0) window.setTimeout(() => this.hide(), ms);
  }

  setMessage(message: string | DocumentFragment): this {
    this.messageEl.setText(message);
    noticeLog.push(this.messageEl.textContent ?? '');
    return this;
  }

  hide(): void {
    this.containerEl.detach();
  }
}

/** Open modals, most recent last; Escape closes only the top one. */
const openModals: Modal[] = [];
window.addEventListener('keydown', (evt) => {
  if (evt.key === 'Escape' && openModals.length) {
    evt.preventDefault();
    openModals[openModals.length - 1]!.close();
  }
});

export class Modal {
  app: App;
  scope = null;
  containerEl: HTMLElement;
  modalEl: HTMLElement;
  headerEl: HTMLElement;
  titleEl: HTMLElement;
  contentEl: HTMLElement;
  shouldRestoreSelection = true;
  private closeCallback: (() => unknown) | null = null;

  constructor(app: App) {
    this.app = app;
    this.containerEl = createDiv('modal-container mod-dim');
    const bg = this.containerEl.createDiv('modal-bg');
    bg.addEventListener('click', () => this.close());
    this.modalEl = this.containerEl.createDiv('modal');
    const close = this.modalEl.createDiv({ cls: 'modal-close-button', attr: { 'aria-label': 'Close' } });
    close.addEventListener('click', () => this.close());
    this.headerEl = this.modalEl.createDiv('modal-header');
    this.titleEl = this.headerEl.createDiv('modal-title');
    this.contentEl = this.modalEl.createDiv('modal-content');
  }

  open(): void {
    document.body.appendChild(this.containerEl);
    openModals.push(this);
    try {
      const r = this.onOpen();
      if (r instanceof Promise) r.catch((e: unknown) => reportError('Modal.onOpen', e));
    } catch (e) {
      reportError('Modal.onOpen', e);
    }
  }

  close(): void {
    if (!openModals.includes(this)) return;
    openModals.remove(this);
    this.containerEl.detach();
    this.onClose();
    this.closeCallback?.();
  }

  onOpen(): Promise<void> | void {}
  onClose(): void {}

  setTitle(title: string): this {
    this.titleEl.setText(title);
    return this;
  }
  setContent(content: string | DocumentFragment): this {
    this.contentEl.setText(content);
    return this;
  }
  setCloseCallback(callback: () => unknown): this {
    this.closeCallback = callback;
    return this;
  }
}

export class MenuItem {
  dom: HTMLElement;
  iconEl: HTMLElement;
  titleEl: HTMLElement;
  private callback: ((evt: MouseEvent | KeyboardEvent) => unknown) | null = null;
  private disabled = false;

  constructor(private menu: Menu) {
    this.dom = createDiv('menu-item');
    this.iconEl = this.dom.createDiv('menu-item-icon');
    this.titleEl = this.dom.createDiv('menu-item-title');
    this.dom.addEventListener('click', (evt) => {
      if (this.disabled) return;
      this.menu.hide();
      this.callback?.(evt);
    });
  }
  setTitle(title: string | DocumentFragment): this {
    this.titleEl.setText(title);
    return this;
  }
  setIcon(icon: string | null): this {
    if (icon) setIcon(this.iconEl, icon);
    else this.iconEl.empty();
    return this;
  }
  setChecked(checked: boolean | null): this {
    this.dom.toggleClass('mod-checked', !!checked);
    return this;
  }
  setDisabled(disabled: boolean): this {
    this.disabled = disabled;
    this.dom.toggleClass('is-disabled', disabled);
    return this;
  }
  setWarning(isWarning: boolean): this {
    this.dom.toggleClass('mod-warning', isWarning);
    return this;
  }
  setIsLabel(isLabel: boolean): this {
    this.dom.toggleClass('is-label', isLabel);
    return this;
  }
  setSection(section: string): this {
    this.dom.setAttr('data-section', section);
    return this;
  }
  onClick(callback: (evt: MouseEvent | KeyboardEvent) => unknown): this {
    this.callback = callback;
    return this;
  }
}

export class Menu extends Component {
  dom = createDiv('menu');
  items: MenuItem[] = [];
  private hideCallbacks: (() => unknown)[] = [];

  addItem(cb: (item: MenuItem) => unknown): this {
    const item = new MenuItem(this);
    cb(item);
    this.items.push(item);
    this.dom.appendChild(item.dom);
    return this;
  }
  addSeparator(): this {
    this.dom.createDiv('menu-separator');
    return this;
  }
  setNoIcon(): this {
    this.dom.addClass('mod-no-icon');
    return this;
  }
  setUseNativeMenu(_useNativeMenu: boolean): this {
    return this;
  }

  showAtMouseEvent(evt: MouseEvent): this {
    return this.showAtPosition({ x: evt.clientX, y: evt.clientY });
  }

  showAtPosition(position: { x: number; y: number; width?: number; overlap?: boolean; left?: boolean }): this {
    document.body.appendChild(this.dom);
    this.dom.style.left = `${Math.min(position.x, window.innerWidth - this.dom.offsetWidth - 4)}px`;
    this.dom.style.top = `${Math.min(position.y, window.innerHeight - this.dom.offsetHeight - 4)}px`;
    this.load();
    // Closes on the next press outside it, as a native-feeling context menu does.
    const outside = (evt: Event) => {
      if (!this.dom.contains(evt.target as Node)) this.hide();
    };
    window.setTimeout(() => {
      if (this._loaded) this.registerDomEvent(document, 'mousedown', outside, true);
    });
    this.registerDomEvent(window, 'keydown', (evt: KeyboardEvent) => evt.key === 'Escape' && this.hide());
    return this;
  }

  hide(): this {
    if (!this.dom.isConnected) return this;
    this.dom.detach();
    this.unload();
    for (const cb of this.hideCallbacks) cb();
    return this;
  }
  close(): void {
    this.hide();
  }
  onHide(callback: () => unknown): void {
    this.hideCallbacks.push(callback);
  }
}
