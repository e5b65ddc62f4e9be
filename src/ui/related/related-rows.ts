/**
 * One row per related note: title, score, the "why" (best matching passage with its heading,
 * the links both notes share) and whether it is linked already. Rows carry `data-index`;
 * the view handles clicks, hovers, drags and menus for all rows at once.
 */
import type { RelatedResult } from '../../core/retrieval/related-types';

const RELATION_TEXT: Record<RelatedResult['linkRelation'], string> = {
  both: 'Linked both ways',
  'links-here': 'It links here',
  'linked-from-here': 'Linked from this note',
  none: '',
};

export function renderRows(parent: HTMLElement, results: readonly RelatedResult[]): void {
  const list = parent.createDiv({ cls: 'amn-related-list', attr: { role: 'list' } });
  results.forEach((result, index) => renderRow(list, result, index));
}

function renderRow(list: HTMLElement, r: RelatedResult, index: number): void {
  const row = list.createDiv({
    cls: 'amn-related-row',
    attr: { role: 'listitem', tabindex: 0, draggable: 'true', 'data-index': index, 'data-path': r.path },
  });
  const top = row.createDiv('amn-related-row-top');
  top.createSpan({ cls: 'amn-related-title', text: r.title });
  top.createSpan({
    cls: ['amn-related-badge', r.linked ? 'amn-related-badge-linked' : 'amn-related-badge-unlinked'],
    text: r.linked ? 'Already linked' : 'Not linked yet',
  });
  // A <meter> shows the score without inline styles; its look is in styles.css.
  row.createEl('meter', {
    cls: 'amn-related-score',
    attr: { min: 0, max: 1, value: r.score.toFixed(3), 'aria-label': `Relatedness ${Math.round(r.score * 100)}%` },
  });
  const why = row.createDiv('amn-related-why');
  if (r.passage) {
    const passage = why.createDiv('amn-related-passage');
    if (r.passage.heading && r.passage.heading !== r.title) passage.createSpan({ cls: 'amn-related-heading', text: r.passage.heading });
    passage.createSpan({ cls: 'amn-related-snippet', text: r.passage.snippet });
  }
  const reasons = linkReasons(r);
  if (reasons.length > 0) {
    const links = why.createDiv('amn-related-links');
    reasons.forEach((reason, i) => {
      if (i > 0) links.appendText(' · ');
      links.appendText(reason.text);
      reason.names.forEach((name, j) => {
        if (j > 0) links.appendText(', ');
        links.createSpan({ cls: 'amn-related-link-name', text: name });
      });
    });
  }
}

/** The link-graph part of the "why", as text plus note names. */
export function linkReasons(r: RelatedResult): { text: string; names: string[] }[] {
  const reasons: { text: string; names: string[] }[] = [];
  if (r.linkRelation !== 'none') reasons.push({ text: RELATION_TEXT[r.linkRelation], names: [] });
  if (r.sharedLinks.length > 0) reasons.push({ text: 'Both link to ', names: r.sharedLinks.slice(0, 3) });
  if (r.sharedBacklinks.length > 0) reasons.push({ text: 'Both linked from ', names: r.sharedBacklinks.slice(0, 2) });
  if (r.twoHopVia.length > 0) reasons.push({ text: 'Two hops away via ', names: r.twoHopVia.slice(0, 2) });
  return reasons;
}
