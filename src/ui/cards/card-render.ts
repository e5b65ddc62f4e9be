/**
 * A concept card as DOM (no innerHTML): everything on it is clickable. The definition,
 * highlights and covering passages open their note at that place; related notes open; tags
 * open a search when the app offers one; a missing note can be created.
 */
import type { CardAnchor, ConceptCard, NoteCard, UnresolvedCard } from '../../core/retrieval/card-types';

export interface CardActions {
  open(path: string, anchor: CardAnchor | null, evt: MouseEvent): void;
  /** Absent: tags are shown, not clickable. */
  searchTag?: (tag: string) => void;
  create(card: UnresolvedCard): void;
}

export function renderCardLoading(el: HTMLElement, linktext: string): void {
  el.empty();
  el.addClass('amn-card');
  el.createDiv({ cls: 'amn-card-loading', text: `Loading ${linktext}…` });
}

export function renderCardError(el: HTMLElement, message: string): void {
  el.empty();
  el.addClass('amn-card');
  el.createDiv({ cls: 'amn-card-error', text: `No card: ${message}` });
}

export function renderCard(el: HTMLElement, card: ConceptCard, actions: CardActions): void {
  el.empty();
  el.addClass('amn-card');
  if (card.kind === 'note') renderNote(el, card, actions);
  else renderUnresolved(el, card, actions);
}

const SOURCE_LABEL = { definition: 'Definition', highlight: 'Highlight', paragraph: 'Summary' } as const;

function renderNote(el: HTMLElement, card: NoteCard, actions: CardActions): void {
  const head = el.createDiv('amn-card-head');
  clickable(head.createEl('a', { cls: 'amn-card-title', text: card.title }), (evt) => actions.open(card.path, null, evt));
  head.createSpan({ cls: 'amn-card-meta', text: `${card.backlinks} backlink${card.backlinks === 1 ? '' : 's'}` });

  const d = card.definition;
  if (d) {
    const box = el.createDiv({ cls: ['amn-card-definition', `amn-card-definition-${d.source}`] });
    box.createDiv({ cls: 'amn-card-label', text: d.calloutTitle ?? SOURCE_LABEL[d.source] });
    appendMarked(box.createDiv('amn-card-text'), d.text, d.highlights);
    clickable(box, (evt) => actions.open(card.path, d, evt));
  } else {
    el.createDiv({ cls: 'amn-card-empty', text: 'This note is empty.' });
  }
  const s = card.section;
  if (s) {
    const box = el.createDiv('amn-card-section');
    box.createDiv({ cls: 'amn-card-label', text: s.heading ?? 'Section' });
    box.createDiv({ cls: 'amn-card-text', text: s.text });
    clickable(box, (evt) => actions.open(card.path, s, evt));
  }
  if (card.highlights.length > 0) {
    const list = el.createEl('ul', 'amn-card-highlights');
    for (const h of card.highlights) clickable(list.createEl('li', { cls: 'amn-card-highlight', text: h.text }), (evt) => actions.open(card.path, h, evt));
  }
  if (card.tags.length > 0) {
    const tags = el.createDiv('amn-card-tags');
    for (const tag of card.tags) {
      const tagEl = tags.createEl(actions.searchTag ? 'a' : 'span', { cls: ['tag', 'amn-card-tag'], text: tag });
      const search = actions.searchTag;
      if (search) clickable(tagEl, () => search(tag));
    }
  }
  if (card.related.length > 0) {
    const related = el.createDiv('amn-card-related');
    related.createSpan({ cls: 'amn-card-label', text: 'Related' });
    for (const r of card.related) {
      const link = related.createEl('a', { cls: 'amn-card-related-link', text: r.title, attr: { 'data-path': r.path } });
      if (!r.linked) link.addClass('amn-card-related-unlinked');
      clickable(link, (evt) => actions.open(r.path, null, evt));
    }
  }
}

function renderUnresolved(el: HTMLElement, card: UnresolvedCard, actions: CardActions): void {
  const head = el.createDiv('amn-card-head');
  head.createSpan({ cls: ['amn-card-title', 'amn-card-missing'], text: card.linkpath });
  head.createSpan({ cls: 'amn-card-meta', text: 'No note yet' });
  if (card.covering.length === 0) {
    el.createDiv({ cls: 'amn-card-empty', text: 'No note covers this concept yet.' });
  } else {
    el.createDiv({ cls: 'amn-card-label', text: 'Notes that already cover it' });
    const list = el.createEl('ul', 'amn-card-covering');
    for (const c of card.covering) {
      const item = list.createEl('li', { cls: 'amn-card-covering-item', attr: { 'data-path': c.path } });
      const top = item.createDiv('amn-card-covering-top');
      top.createSpan({ cls: 'amn-card-covering-title', text: c.title });
      if (c.linksToIt) top.createSpan({ cls: 'amn-card-badge', text: 'Links to it' });
      if (c.passage) item.createDiv({ cls: 'amn-card-text', text: c.passage.snippet });
      clickable(item, (evt) => actions.open(c.path, c.passage, evt));
    }
  }
  const create = el.createEl('button', { cls: ['mod-cta', 'amn-card-create'], text: card.covering.length > 0 ? 'Create note linking to these' : 'Create note' });
  create.addEventListener('click', (evt) => {
    evt.preventDefault();
    actions.create(card);
  });
}

/** Plain text with the given highlights marked, every occurrence, no HTML parsing. */
export function markedSegments(text: string, highlights: readonly string[]): { text: string; marked: boolean }[] {
  const wanted = highlights.map((h) => h.replace(/\s+/g, ' ').trim()).filter((h) => h.length > 0);
  const segments: { text: string; marked: boolean }[] = [];
  let rest = text;
  while (rest.length > 0) {
    let best: { at: number; length: number } | null = null;
    for (const h of wanted) {
      const at = rest.indexOf(h);
      if (at >= 0 && (!best || at < best.at || (at === best.at && h.length > best.length))) best = { at, length: h.length };
    }
    if (!best) {
      segments.push({ text: rest, marked: false });
      break;
    }
    if (best.at > 0) segments.push({ text: rest.slice(0, best.at), marked: false });
    segments.push({ text: rest.slice(best.at, best.at + best.length), marked: true });
    rest = rest.slice(best.at + best.length);
  }
  return segments;
}

function appendMarked(el: HTMLElement, text: string, highlights: readonly string[]): void {
  for (const s of markedSegments(text, highlights)) {
    if (s.marked) el.createEl('mark', { text: s.text });
    else el.appendText(s.text);
  }
}

function clickable(el: HTMLElement, onClick: (evt: MouseEvent) => void): void {
  el.addClass('amn-card-clickable');
  el.setAttr('tabindex', 0);
  el.addEventListener('click', (evt) => {
    evt.preventDefault();
    onClick(evt);
  });
  el.addEventListener('keydown', (evt) => {
    if (evt.key === 'Enter') onClick(new MouseEvent('click', { ctrlKey: evt.ctrlKey, metaKey: evt.metaKey }));
  });
}
