/**
 * Obsidian adds helpers such as `createEl`, `empty` and `setText` to DOM prototypes.
 * This installs faithful-enough versions on whatever DOM is present (happy-dom in unit
 * tests); without a DOM it does nothing.
 */
interface DomElementInfo {
  cls?: string | string[];
  text?: string | DocumentFragment;
  attr?: Record<string, string | number | boolean | null>;
  title?: string;
  href?: string;
  type?: string;
  value?: string;
  placeholder?: string;
  parent?: Node;
  prepend?: boolean;
}

function applyInfo(el: HTMLElement, info?: DomElementInfo | string): void {
  if (info === undefined) return;
  if (typeof info === 'string') {
    el.className = info;
    return;
  }
  if (info.cls) el.className = Array.isArray(info.cls) ? info.cls.join(' ') : info.cls;
  if (info.text !== undefined) {
    if (typeof info.text === 'string') el.textContent = info.text;
    else el.appendChild(info.text);
  }
  if (info.attr) for (const [k, v] of Object.entries(info.attr)) if (v !== null && v !== false) el.setAttribute(k, String(v));
  if (info.title) el.setAttribute('title', info.title);
  if (info.href) el.setAttribute('href', info.href);
  if (info.type) el.setAttribute('type', info.type);
  if (info.placeholder) el.setAttribute('placeholder', info.placeholder);
  if (info.value !== undefined) (el as HTMLInputElement).value = info.value;
}

export function installObsidianDomHelpers(): void {
  const g = globalThis as unknown as Record<string, unknown>;
  if (typeof g.HTMLElement !== 'function' || typeof g.document !== 'object') return;
  const nodeProto = (g.Node as typeof Node).prototype as unknown as Record<string, unknown>;
  const elProto = (g.HTMLElement as typeof HTMLElement).prototype as unknown as Record<string, unknown>;
  const fragProto = (g.DocumentFragment as typeof DocumentFragment).prototype as unknown as Record<string, unknown>;
  const doc = g.document as Document;

  function createEl(this: Node, tag: string, info?: DomElementInfo | string, callback?: (el: HTMLElement) => void): HTMLElement {
    const el = doc.createElement(tag);
    applyInfo(el, info);
    const parent = typeof info === 'object' && info.parent ? info.parent : this;
    if (typeof info === 'object' && info.prepend) parent.insertBefore(el, parent.firstChild);
    else parent.appendChild(el);
    callback?.(el);
    return el;
  }
  for (const proto of [nodeProto, fragProto]) {
    proto.createEl = createEl;
    proto.createDiv = function (this: Node, info?: DomElementInfo | string, cb?: (el: HTMLElement) => void) {
      return createEl.call(this, 'div', info, cb);
    };
    proto.createSpan = function (this: Node, info?: DomElementInfo | string, cb?: (el: HTMLElement) => void) {
      return createEl.call(this, 'span', info, cb);
    };
    proto.empty = function (this: Node) {
      while (this.firstChild) this.removeChild(this.firstChild);
    };
    proto.setText = function (this: Node, text: string) {
      this.textContent = text;
    };
    proto.appendText = function (this: Node, text: string) {
      this.appendChild(doc.createTextNode(text));
    };
    proto.detach = function (this: Node) {
      this.parentNode?.removeChild(this);
    };
  }
  elProto.addClass = function (this: HTMLElement, ...cls: string[]) {
    this.classList.add(...cls);
  };
  elProto.addClasses = function (this: HTMLElement, cls: string[]) {
    this.classList.add(...cls);
  };
  elProto.removeClass = function (this: HTMLElement, ...cls: string[]) {
    this.classList.remove(...cls);
  };
  elProto.hasClass = function (this: HTMLElement, cls: string) {
    return this.classList.contains(cls);
  };
  elProto.toggleClass = function (this: HTMLElement, cls: string | string[], value: boolean) {
    for (const c of Array.isArray(cls) ? cls : [cls]) this.classList.toggle(c, value);
  };
  elProto.setAttr = function (this: HTMLElement, name: string, value: string | number | boolean | null) {
    if (value === null) this.removeAttribute(name);
    else this.setAttribute(name, String(value));
  };
  elProto.getText = function (this: HTMLElement) {
    return this.textContent ?? '';
  };
  elProto.isShown = function (this: HTMLElement) {
    return this.isConnected && !this.hasAttribute('hidden');
  };
  elProto.show = function (this: HTMLElement) {
    this.removeAttribute('hidden');
  };
  elProto.hide = function (this: HTMLElement) {
    this.setAttribute('hidden', '');
  };
  elProto.toggle = function (this: HTMLElement, show: boolean) {
    if (show) this.removeAttribute('hidden');
    else this.setAttribute('hidden', '');
  };
  g.createEl = (tag: string, info?: DomElementInfo | string, cb?: (el: HTMLElement) => void) => {
    const el = doc.createElement(tag);
    applyInfo(el, info);
    cb?.(el);
    return el;
  };
  const createDetached = g.createEl as (tag: string, info?: DomElementInfo | string, cb?: (el: HTMLElement) => void) => HTMLElement;
  g.createDiv = (info?: DomElementInfo | string, cb?: (el: HTMLElement) => void) => createDetached('div', info, cb);
  g.createSpan = (info?: DomElementInfo | string, cb?: (el: HTMLElement) => void) => createDetached('span', info, cb);
  g.createFragment = (cb?: (frag: DocumentFragment) => void) => {
    const frag = doc.createDocumentFragment();
    cb?.(frag);
    return frag;
  };
  g.activeDocument = doc;
  g.activeWindow = g.window ?? globalThis;
}
