/**
 * Markdown rendering as Obsidian's reading view produces it, closely enough for plugin CSS and
 * DOM queries: markdown-it (line breaks kept, HTML allowed), `[[wikilinks]]` as
 * `a.internal-link[data-href]`, `![[embeds]]` as `span.internal-embed`, `==highlight==` as `<mark>`,
 * callouts as `div.callout[data-callout]`, then DOMPurify, so no script or inline handler of a
 * note can ever run. Post-processors and code block processors registered by plugins run last.
 */
import MarkdownIt from 'markdown-it';
import type { StateInline } from 'markdown-it';
import DOMPurify from 'dompurify';
import { Component } from './events';
import { reportError } from './errors';
import { setIcon } from './ui';
import type { App } from './app';

const md = new MarkdownIt({ html: true, linkify: true, breaks: true });

function wikilinkRule(state: StateInline, silent: boolean): boolean {
  let pos = state.pos;
  const embed = state.src.charCodeAt(pos) === 0x21; /* ! */
  if (embed) pos++;
  if (!state.src.startsWith('[[', pos)) return false;
  const end = state.src.indexOf(']]', pos + 2);
  if (end < 0) return false;
  const inner = state.src.slice(pos + 2, end);
  if (!inner.trim() || inner.includes('\n') || inner.includes('[[')) return false;
  if (!silent) {
    const bar = inner.indexOf('|');
    const token = state.push(embed ? 'wikiembed' : 'wikilink', '', 0);
    token.meta = { target: (bar < 0 ? inner : inner.slice(0, bar)).trim(), alias: bar < 0 ? null : inner.slice(bar + 1).trim() };
  }
  state.pos = end + 2;
  return true;
}

function highlightRule(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  if (!state.src.startsWith('==', start) || state.src.charCodeAt(start + 2) === 0x3d /* = */) return false;
  const close = state.src.indexOf('==', start + 2);
  if (close < 0 || close === start + 2 || close > state.posMax) return false;
  if (!silent) {
    state.push('mark_open', 'mark', 1);
    const oldMax = state.posMax;
    state.pos = start + 2;
    state.posMax = close;
    state.md.inline.tokenize(state);
    state.posMax = oldMax;
    state.push('mark_close', 'mark', -1);
  }
  state.pos = close + 2;
  return true;
}

/** `#tag` after a space or at the start, with at least one non-digit, as Obsidian recognises tags. */
function tagRule(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  if (state.src.charCodeAt(start) !== 0x23 /* # */ || (start > 0 && !/\s/.test(state.src[start - 1]!))) return false;
  const m = /^#([\p{L}\p{N}_/-]+)/u.exec(state.src.slice(start, state.posMax));
  if (!m || /^\d+$/.test(m[1]!)) return false;
  if (!silent) state.push('hashtag', '', 0).content = m[0];
  state.pos = start + m[0].length;
  return true;
}

md.inline.ruler.before('link', 'wikilink', wikilinkRule);
md.inline.ruler.push('hashtag', tagRule);
md.renderer.rules.hashtag = (tokens, idx) => {
  const tag = md.utils.escapeHtml(tokens[idx]!.content);
  return `<a href="${tag}" class="tag" target="_blank" rel="noopener nofollow">${tag}</a>`;
};
md.inline.ruler.before('emphasis', 'highlight', highlightRule);
md.renderer.rules.wikilink = (tokens, idx) => {
  const { target, alias } = tokens[idx]!.meta as { target: string; alias: string | null };
  const hash = target.indexOf('#');
  const shown = alias ?? (hash > 0 ? `${target.slice(0, hash)} > ${target.slice(hash + 1).replace(/^\^/, '')}` : target.replace(/^#/, ''));
  const t = md.utils.escapeHtml(target);
  return `<a data-href="${t}" href="${t}" class="internal-link" target="_blank" rel="noopener nofollow">${md.utils.escapeHtml(shown)}</a>`;
};
md.renderer.rules.wikiembed = (tokens, idx) => {
  const { target, alias } = tokens[idx]!.meta as { target: string; alias: string | null };
  return `<span class="internal-embed" src="${md.utils.escapeHtml(target)}" alt="${md.utils.escapeHtml(alias ?? '')}"></span>`;
};

/** `> [!type]± title` blockquotes become Obsidian's callout structure. */
function renderCallouts(root: DocumentFragment): void {
  for (const bq of Array.from(root.querySelectorAll('blockquote'))) {
    const p = bq.firstElementChild;
    const first = p?.tagName === 'P' ? p.firstChild : null;
    const m = first?.nodeType === Node.TEXT_NODE ? /^\[!([^\]|]+)(?:\|([^\]]*))?\]([+-]?)[ \t]*/.exec(first.textContent ?? '') : null;
    if (!p || !first || !m) continue;
    const type = m[1]!.trim().toLowerCase();
    const fold = m[3]!;
    first.textContent = (first.textContent ?? '').slice(m[0].length);
    const callout = createDiv({ cls: 'callout', attr: { 'data-callout': type, 'data-callout-metadata': m[2] ?? '', 'data-callout-fold': fold } });
    const titleEl = callout.createDiv({ cls: 'callout-title', attr: { dir: 'auto' } });
    setIcon(titleEl.createDiv('callout-icon'), 'info');
    const innerTitle = titleEl.createDiv('callout-title-inner');
    // The title is the first line of the first paragraph; with `breaks` on, a <br> ends it.
    while (p.firstChild && p.firstChild.nodeName !== 'BR') innerTitle.appendChild(p.firstChild);
    p.firstChild?.remove();
    if (p.firstChild?.nodeType === Node.TEXT_NODE) p.firstChild.textContent = (p.firstChild.textContent ?? '').replace(/^\n/, '');
    if (!innerTitle.textContent?.trim()) innerTitle.setText(type.charAt(0).toUpperCase() + type.slice(1));
    if (!p.textContent?.trim() && !p.querySelector('img,span.internal-embed')) p.remove();
    const content = callout.createDiv('callout-content');
    while (bq.firstChild) content.appendChild(bq.firstChild);
    if (fold) {
      callout.addClass('is-collapsible');
      const foldEl = titleEl.createDiv('callout-fold');
      setIcon(foldEl, 'chevron-down');
      const setCollapsed = (collapsed: boolean) => {
        callout.toggleClass('is-collapsed', collapsed);
        content.toggle(!collapsed);
      };
      setCollapsed(fold === '-');
      titleEl.addEventListener('click', () => setCollapsed(!callout.hasClass('is-collapsed')));
    }
    bq.replaceWith(callout);
  }
}

export interface MarkdownPostProcessorContext {
  docId: string;
  sourcePath: string;
  frontmatter: unknown;
  addChild(child: Component): void;
  getSectionInfo(el: HTMLElement): null;
}
type PostProcessor = ((el: HTMLElement, ctx: MarkdownPostProcessorContext) => Promise<unknown> | void) & { sortOrder?: number };
type CodeBlockProcessor = (source: string, el: HTMLElement, ctx: MarkdownPostProcessorContext) => Promise<unknown> | void;

/** Registered by plugins; Obsidian keeps these globally too (MarkdownPreviewRenderer). */
export const postProcessors: PostProcessor[] = [];
export const codeBlockProcessors = new Map<string, CodeBlockProcessor>();

const frontmatterRe = /^---\r?\n[\s\S]*?\r?\n?---(?:\r?\n|$)/;
let docCounter = 0;

/**
 * Renders into `el` (appending). With `sections`, each top-level block gets its own wrapper div
 * and post-processors run per block, as in the reading view; otherwise they run once on `el`.
 */
export async function renderMarkdown(app: App, markdown: string, el: HTMLElement, sourcePath: string, component: Component, sections = false): Promise<void> {
  const html = md.render(markdown.replace(frontmatterRe, ''));
  const frag = DOMPurify.sanitize(html, { RETURN_DOM_FRAGMENT: true, ADD_ATTR: ['target'] });
  renderCallouts(frag);
  for (const a of Array.from(frag.querySelectorAll<HTMLAnchorElement>('a.internal-link'))) {
    const dest = app.metadataCache.getFirstLinkpathDest((a.dataset.href ?? '').split('#')[0]!, sourcePath);
    if (!dest && !(a.dataset.href ?? '').startsWith('#')) a.addClass('is-unresolved');
  }
  for (const a of Array.from(frag.querySelectorAll<HTMLAnchorElement>('a[href^="http"]'))) a.addClass('external-link');
  const ctx: MarkdownPostProcessorContext = {
    docId: `doc-${++docCounter}`,
    sourcePath,
    frontmatter: app.metadataCache.getCache(sourcePath)?.frontmatter,
    addChild: (child) => component.addChild(child),
    getSectionInfo: () => null,
  };
  const blocks: HTMLElement[] = [];
  if (sections) {
    for (const node of Array.from(frag.childNodes)) {
      if (node.nodeType === Node.TEXT_NODE && !node.textContent?.trim()) continue;
      const div = el.createDiv(node.instanceOf(HTMLElement) ? `el-${node.tagName.toLowerCase()}` : '');
      div.appendChild(node);
      blocks.push(div);
    }
  } else {
    el.appendChild(frag);
    blocks.push(el);
  }
  for (const code of Array.from(el.querySelectorAll<HTMLElement>('pre > code[class^="language-"]'))) {
    const lang = code.className.replace(/^language-/, '').split(' ')[0]!;
    const processor = codeBlockProcessors.get(lang);
    if (!processor) continue;
    const container = createDiv(`block-language-${lang}`);
    code.parentElement!.replaceWith(container);
    await run(`code block processor "${lang}"`, () => processor(code.textContent?.replace(/\n$/, '') ?? '', container, ctx));
  }
  const ordered = [...postProcessors].sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0));
  for (const block of blocks) for (const pp of ordered) await run('markdown post processor', () => pp(block, ctx));
}

async function run(what: string, fn: () => Promise<unknown> | void): Promise<void> {
  try {
    await fn();
  } catch (e) {
    reportError(what, e);
  }
}

export class MarkdownRenderChild extends Component {
  containerEl: HTMLElement;
  constructor(containerEl: HTMLElement) {
    super();
    this.containerEl = containerEl;
  }
}

export class MarkdownRenderer extends MarkdownRenderChild {
  static async render(app: App, markdown: string, el: HTMLElement, sourcePath: string, component: Component): Promise<void> {
    await renderMarkdown(app, markdown, el, sourcePath, component);
  }
  /** @deprecated in Obsidian; kept because older plugins still call it. */
  static async renderMarkdown(markdown: string, el: HTMLElement, sourcePath: string, component: Component): Promise<void> {
    await renderMarkdown((window as unknown as { app: App }).app, markdown, el, sourcePath, component);
  }
}
