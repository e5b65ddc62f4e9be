/**
 * Puts an answer on screen through Obsidian's MarkdownRenderer (which sanitises: HTML from a
 * note or an LLM is never executed) and then turns its `[n]` markers into citation links and
 * marks the sentences that cite nothing. Markers become private-use placeholders before
 * rendering, so Markdown cannot mangle them and a note's own "\[2\]" is never mistaken for one.
 */
import { MarkdownRenderer, type App, type Component } from 'obsidian';

const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKER = /(\\)?\[(\d+)\]/g;
const PLACEHOLDER = new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g');

/** `[n]` for the given source numbers → placeholders; other brackets stay as written. */
export function markCitations(answer: string, valid: ReadonlySet<number>): string {
  return answer.replace(MARKER, (marker: string, escaped: string | undefined, digits: string) =>
    !escaped && valid.has(Number(digits)) ? `${OPEN}${digits}${CLOSE}` : marker);
}

export interface RenderAnswerOptions {
  app: App;
  el: HTMLElement;
  markdown: string;
  /** Source numbers that exist; other `[n]` stay plain text. */
  valid: ReadonlySet<number>;
  component: Component;
  /** Builds the element that stands for citation `n` (a link the view wires up). */
  citation: (n: number) => HTMLElement;
  /** Sentences with no valid citation, to mark where they can be found whole in one text run. */
  uncited?: readonly string[];
}

export async function renderAnswer(options: RenderAnswerOptions): Promise<void> {
  await MarkdownRenderer.render(options.app, markCitations(options.markdown, options.valid), options.el, '', options.component);
  replacePlaceholders(options.el, options.citation);
  for (const sentence of options.uncited ?? []) markUncited(options.el, sentence);
}

function textNodes(root: HTMLElement): Text[] {
  const out: Text[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) out.push(node as Text);
  return out;
}

function replacePlaceholders(root: HTMLElement, citation: (n: number) => HTMLElement): void {
  for (const node of textNodes(root)) {
    const text = node.data;
    if (!text.includes(OPEN)) continue;
    // Inside code a marker is code: put the brackets back as they were.
    if (node.parentElement?.closest('code, pre')) {
      node.data = text.replace(PLACEHOLDER, '[$1]');
      continue;
    }
    const fragment = createFragment();
    let last = 0;
    for (const match of text.matchAll(PLACEHOLDER)) {
      fragment.append(text.slice(last, match.index));
      fragment.append(citation(Number(match[1])));
      last = match.index + match[0].length;
    }
    fragment.append(text.slice(last));
    node.replaceWith(fragment);
  }
}

/** Wraps the sentence in a marked span when one text run holds all of it; otherwise leaves it (the panel lists it too). */
function markUncited(root: HTMLElement, sentence: string): void {
  const wanted = sentence.trim();
  if (!wanted) return;
  for (const node of textNodes(root)) {
    const at = node.data.indexOf(wanted);
    if (at < 0 || node.parentElement?.closest('.amn-ask-uncited')) continue;
    const rest = node.splitText(at);
    rest.splitText(wanted.length);
    const span = createSpan({ cls: 'amn-ask-uncited' });
    rest.replaceWith(span);
    span.append(rest);
    return;
  }
}
