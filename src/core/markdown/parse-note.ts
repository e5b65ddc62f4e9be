import { BlockParser, MAX_CONTAINER_DEPTH } from './block-parser';
import type { BlockNode } from './block-tree';
import { canCarryBlockId, loneBlockId, trailingBlockId } from './block-ids';
import { calloutHeadOf, calloutOf } from './callouts';
import { findFrontmatter, frontmatterAliases, frontmatterLinks, readYaml } from './frontmatter';
import { binaryWarning, DEFAULT_MAX_BYTES, limitInput } from './input-guard';
import { scanInline } from './inline-scan';
import { InlineText } from './inline-text';
import { LineIndex } from './lines';
import { markdownLinkTarget, wikilinkParts } from './links';
import { itemEnd, listItemOf } from './list-items';
import { sectionOf } from './sections';
import { frontmatterTags } from './tags';
import type { NoteDoc, ParseWarning, ReferenceCache, SectionCache } from './types';

export interface ParseOptions {
  /** Notes larger than this (UTF-8 bytes) are parsed up to a prefix, with a `too-large` warning. Default 20 MiB. */
  maxBytes?: number;
}

/**
 * Parses a note into Obsidian's metadata shapes plus callouts and highlights. Never
 * throws: odd input (binary, huge, broken YAML, unterminated syntax) gives a best-effort
 * result and `warnings`. Positions follow {@link LineIndex}'s semantics.
 */
export function parseNote(text: string, options: ParseOptions = {}): NoteDoc {
  const warnings: ParseWarning[] = [];
  const doc: NoteDoc = {
    links: [],
    embeds: [],
    headings: [],
    tags: [],
    sections: [],
    listItems: [],
    blocks: {},
    callouts: [],
    highlights: [],
    aliases: [],
    allTags: [],
    warnings,
  };
  try {
    parseInto(doc, typeof text === 'string' ? text : '', options.maxBytes ?? DEFAULT_MAX_BYTES);
  } catch (err) {
    // A parser bug must not take the caller down with it; report it like any other problem.
    warnings.push({ code: 'internal', message: `Parser error, result incomplete: ${err instanceof Error ? err.message : String(err)}` });
  }
  return doc;
}

function parseInto(doc: NoteDoc, input: string, maxBytes: number): void {
  const text = limitInput(input, maxBytes, doc.warnings);
  const binary = binaryWarning(text);
  if (binary) doc.warnings.push(binary);
  const lines = new LineIndex(text);

  let bodyLine = 0;
  const fm = findFrontmatter(text, lines);
  if (fm) {
    const position = lines.posOf(fm.start, fm.end);
    doc.sections.push({ type: 'yaml', position });
    const yaml = readYaml(fm.yaml, 1, doc.warnings);
    if (yaml.value) {
      doc.frontmatter = yaml.value;
      doc.frontmatterPosition = position;
      const fmLinks = frontmatterLinks(yaml.value);
      if (fmLinks.length > 0) doc.frontmatterLinks = fmLinks;
      doc.aliases = frontmatterAliases(yaml.value);
    } else if (yaml.broken) {
      doc.frontmatterPosition = position;
    }
    bodyLine = fm.endLine + 1;
  }

  const parser = new BlockParser(text, lines);
  const tree = parser.parse(bodyLine);
  if (parser.depthLimitLine !== null) {
    doc.warnings.push({
      code: 'too-deep',
      message: `Quotes are nested more than ${MAX_CONTAINER_DEPTH} deep; the deeper '>' markers were read as plain text.`,
      line: parser.depthLimitLine,
    });
  }
  new Collector(doc, text, lines).collect(tree);

  doc.links.sort(byStart);
  doc.embeds.sort(byStart);
  doc.allTags = [...(frontmatterTags(doc.frontmatter) ?? []), ...doc.tags.map((t) => t.tag)];
}

function byStart(a: ReferenceCache, b: ReferenceCache): number {
  return a.position.start.offset - b.position.start.offset;
}

/** Walks the block tree once, filling every cache. */
class Collector {
  constructor(
    private readonly doc: NoteDoc,
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {}

  collect(tree: BlockNode): void {
    tree.children.forEach((block) => this.section(block));
    // Depth-first with an explicit stack: callout context flows down to the leaves.
    const stack: Array<{ block: BlockNode; callout: number; calloutDepth: number; next?: BlockNode }> = [];
    for (let i = tree.children.length - 1; i >= 0; i--) {
      const block = tree.children[i];
      if (block) stack.push({ block, callout: -1, calloutDepth: 0 });
    }
    while (stack.length > 0) {
      const top = stack.pop();
      if (!top) break;
      const { block, next } = top;
      let { callout, calloutDepth } = top;
      if (block.kind === 'blockquote') {
        const c = calloutOf(block, this.text, this.lines, calloutDepth, callout);
        if (c) {
          callout = this.doc.callouts.push(c) - 1;
          calloutDepth++;
        }
      } else if (block.kind === 'item') {
        this.listItem(block, next);
      } else if (block.kind === 'paragraph' || block.kind === 'heading') {
        this.inline(block.segments, false, callout);
      } else if (block.kind === 'table') {
        for (const row of block.segments) this.inline([row], true, callout);
      } else if (block.kind === 'comment') {
        // Obsidian indexes tags and links inside `%%` comments; highlights there are never shown.
        this.inline(block.segments, false, callout, false);
      }
      const kids = block.children;
      for (let i = kids.length - 1; i >= 0; i--) {
        const child = kids[i];
        if (child) stack.push({ block: child, callout, calloutDepth, next: kids[i + 1] });
      }
    }
  }

  private section(block: BlockNode): void {
    const { doc, text, lines } = this;
    const isCallout = block.kind === 'blockquote' && calloutHeadOf(block, text, lines) !== null;
    const section: SectionCache = sectionOf(block, lines, isCallout);
    const previous = doc.sections[doc.sections.length - 1];
    doc.sections.push(section);
    if (block.kind === 'heading') {
      const heading = block.segments.map((s) => text.slice(s.start, s.end).trim()).join(' ').trim();
      doc.headings.push({ heading, level: block.level ?? 1, position: section.position });
    }
    const lone = loneBlockId(text, block);
    if (lone && previous && previous.type !== 'yaml') {
      this.blockId(lone, previous);
      return;
    }
    if (canCarryBlockId(block)) {
      const id = trailingBlockId(text, lines, block.start, block.end);
      if (id) this.blockId(id, section);
    }
  }

  private blockId(id: string, target: SectionCache): void {
    target.id = id;
    this.doc.blocks[id] = { id, position: target.position };
  }

  private listItem(item: BlockNode, next: BlockNode | undefined): void {
    const cache = listItemOf(item, next, this.lines);
    const id = trailingBlockId(this.text, this.lines, item.start, itemEnd(item, next, this.lines));
    if (id) {
      cache.id = id;
      this.doc.blocks[id] = { id, position: cache.position };
    }
    this.doc.listItems.push(cache);
  }

  private inline(segments: BlockNode['segments'], tableRow: boolean, callout: number, highlights = true): void {
    if (segments.length === 0) return;
    const { doc, text, lines } = this;
    const inline = new InlineText(text, segments);
    const found = scanInline(inline.value, tableRow);
    const pos = (start: number, end: number) => {
      const s = inline.toSource(start);
      const e = inline.toSource(end);
      return { s, e, position: lines.posOf(s, e) };
    };
    for (const w of found.wikilinks) {
      const { s, e, position } = pos(w.start, w.end);
      const inner = inline.value.slice(w.start + (w.embed ? 3 : 2), w.end - 2);
      const ref: ReferenceCache = { ...wikilinkParts(inner), original: text.slice(s, e), position };
      (w.embed ? doc.embeds : doc.links).push(orderFields(ref));
    }
    for (const m of found.markdownLinks) {
      const link = markdownLinkTarget(m.destination);
      if (link === null) continue;
      const { s, e, position } = pos(m.start, m.end);
      const ref: ReferenceCache = { link, original: text.slice(s, e), displayText: m.text, position };
      (m.embed ? doc.embeds : doc.links).push(orderFields(ref));
    }
    for (const t of found.tags) {
      const { position } = pos(t.start, t.end);
      doc.tags.push({ tag: inline.value.slice(t.start, t.end), position });
    }
    for (const h of highlights ? found.highlights : []) {
      const { s, e, position } = pos(h.start, h.end);
      doc.highlights.push(callout >= 0 ? { text: text.slice(s + 2, e - 2), position, callout } : { text: text.slice(s + 2, e - 2), position });
    }
  }
}

/** Same key order as Obsidian's cache objects, so JSON dumps diff cleanly. */
function orderFields(ref: ReferenceCache): ReferenceCache {
  return { link: ref.link, original: ref.original, displayText: ref.displayText, position: ref.position };
}
