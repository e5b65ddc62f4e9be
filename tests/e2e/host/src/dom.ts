/**
 * The helpers Obsidian adds to DOM prototypes and the global scope. The unit-test version
 * (tests/stubs/dom-helpers.ts) is installed first; this file then adds what it lacks and replaces
 * what a real browser shows differently: Obsidian's `hide()`/`show()` set an inline `display`,
 * which beats any class rule, and `isShown()` means "laid out" (has an offsetParent).
 */
import { installObsidianDomHelpers } from '../../../stubs/dom-helpers';

type Proto = Record<string, unknown>;

export function installDomHelpers(): void {
  installObsidianDomHelpers();
  const node = Node.prototype as unknown as Proto;
  const el = HTMLElement.prototype as unknown as Proto;
  const element = Element.prototype as unknown as Proto;
  const g = window as unknown as Proto;

  node.setText = function (this: Node, text: string | DocumentFragment) {
    this.textContent = '';
    if (typeof text === 'string') this.textContent = text;
    else this.appendChild(text);
  };
  Object.defineProperty(Node.prototype, 'doc', { configurable: true, get(this: Node) { return this.ownerDocument ?? document; } });
  Object.defineProperty(Node.prototype, 'win', { configurable: true, get(this: Node) { return (this.ownerDocument ?? document).defaultView ?? window; } });
  node.instanceOf = function (this: Node, type: new () => unknown) { return this instanceof type; };
  node.indexOf = function (this: Node, other: Node) { return Array.prototype.indexOf.call(this.childNodes, other); };
  node.createSvg = function (this: Node, tag: string, info?: { cls?: string | string[]; attr?: Record<string, string | number> }, cb?: (el: SVGElement) => void) {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', tag);
    if (info?.cls) svg.classList.add(...(Array.isArray(info.cls) ? info.cls : info.cls.split(' ').filter(Boolean)));
    for (const [k, v] of Object.entries(info?.attr ?? {})) svg.setAttribute(k, String(v));
    this.appendChild(svg);
    cb?.(svg);
    return svg;
  };

  for (const proto of [el, element]) {
    proto.addClass = function (this: Element, ...cls: string[]) { this.classList.add(...cls.filter(Boolean)); };
    proto.addClasses = function (this: Element, cls: string[]) { this.classList.add(...cls.filter(Boolean)); };
    proto.removeClass = function (this: Element, ...cls: string[]) { this.classList.remove(...cls); };
    proto.removeClasses = function (this: Element, cls: string[]) { this.classList.remove(...cls); };
    proto.hasClass = function (this: Element, cls: string) { return this.classList.contains(cls); };
    proto.toggleClass = function (this: Element, cls: string | string[], value: boolean) {
      for (const c of Array.isArray(cls) ? cls : [cls]) this.classList.toggle(c, value);
    };
    proto.setAttr = function (this: Element, name: string, value: string | number | boolean | null) {
      if (value === null || value === undefined) this.removeAttribute(name);
      else this.setAttribute(name, String(value));
    };
    proto.setAttrs = function (this: Element, obj: Record<string, string | number | boolean | null>) {
      for (const [k, v] of Object.entries(obj)) (this as unknown as { setAttr(k: string, v: unknown): void }).setAttr(k, v);
    };
    proto.getAttr = function (this: Element, name: string) { return this.getAttribute(name); };
    proto.find = function (this: Element, selector: string) { return this.querySelector(selector); };
    proto.findAll = function (this: Element, selector: string) { return Array.from(this.querySelectorAll(selector)); };
    proto.findAllSelf = function (this: Element, selector: string) {
      return [...(this.matches(selector) ? [this] : []), ...Array.from(this.querySelectorAll(selector))];
    };
    proto.setCssStyles = function (this: HTMLElement, styles: Record<string, string>) { Object.assign(this.style, styles); };
    proto.setCssProps = function (this: HTMLElement, props: Record<string, string>) {
      for (const [k, v] of Object.entries(props)) this.style.setProperty(k, v);
    };
  }
  el.hide = function (this: HTMLElement) { this.style.display = 'none'; };
  el.show = function (this: HTMLElement) { this.style.display = ''; };
  el.toggle = function (this: HTMLElement, show: boolean) { this.style.display = show ? '' : 'none'; };
  el.toggleVisibility = function (this: HTMLElement, visible: boolean) { this.style.visibility = visible ? '' : 'hidden'; };
  el.isShown = function (this: HTMLElement) { return this.offsetParent !== null || getComputedStyle(this).position === 'fixed'; };
  el.onClickEvent = function (this: HTMLElement, listener: (e: MouseEvent) => unknown, options?: AddEventListenerOptions) {
    this.addEventListener('click', listener, options);
    this.addEventListener('auxclick', listener, options);
  };
  el.trigger = function (this: HTMLElement, type: string) { this.dispatchEvent(new Event(type)); };

  g.sleep = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms));
  g.nextFrame = () => new Promise((resolve) => window.requestAnimationFrame(() => resolve(undefined)));
  g.fish = (selector: string) => document.querySelector(selector);
  g.fishAll = (selector: string) => Array.from(document.querySelectorAll(selector));

  // A few of the non-DOM extensions Obsidian's app.js puts on built-ins; plugins get away with using them.
  const arr = Array.prototype as unknown as Proto;
  arr.first = function (this: unknown[]) { return this[0]; };
  arr.last = function (this: unknown[]) { return this[this.length - 1]; };
  arr.contains = function (this: unknown[], v: unknown) { return this.includes(v); };
  arr.remove = function (this: unknown[], v: unknown) { const i = this.indexOf(v); if (i >= 0) this.splice(i, 1); };
  arr.unique = function (this: unknown[]) { return [...new Set(this)]; };
  (String.prototype as unknown as Proto).contains = function (this: string, s: string) { return this.includes(s); };
  (Math as unknown as Proto).clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));
  for (const name of ['first', 'last', 'contains', 'remove', 'unique']) Object.defineProperty(arr, name, { enumerable: false });
  Object.defineProperty(String.prototype, 'contains', { enumerable: false });
}
