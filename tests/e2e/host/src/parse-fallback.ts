/**
 * TEMPORARY: a minimal note parser the metadata cache uses only until the project's parser
 * (`parseNote` from src/core/markdown, branch `parser`) lands in main. Once
 * `src/core/markdown/index.ts` exists, server.ts resolves `amn:core-markdown` to it and this
 * file is no longer used; delete it then. It covers links, embeds, headings, tags and
 * frontmatter, enough for link resolution and `getFileCache` in host tests — nothing more.
 */
import type { Loc, NoteDoc, Pos } from '../../../../src/core/markdown/types';
import { parseYaml } from './yaml';

export function fallbackParseNote(text: string): NoteDoc {
  const doc: NoteDoc = { links: [], embeds: [], headings: [], tags: [], sections: [], listItems: [], blocks: {}, callouts: [], highlights: [], aliases: [], allTags: [], warnings: [] };
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const loc = (offset: number): Loc => {
    let line = lineStarts.length - 1;
    while (lineStarts[line]! > offset) line--;
    return { line, col: offset - lineStarts[line]!, offset };
  };
  const pos = (start: number, end: number): Pos => ({ start: loc(start), end: loc(end) });

  let bodyStart = 0;
  const fm = /^---\r?\n([\s\S]*?)\r?\n?---(?:\r?\n|$)/.exec(text);
  if (fm) {
    bodyStart = fm[0].length;
    doc.frontmatterPosition = pos(0, fm[0].trimEnd().length);
    try {
      const data = parseYaml(fm[1]!);
      if (data && typeof data === 'object' && !Array.isArray(data)) doc.frontmatter = data as Record<string, unknown>;
    } catch (e) {
      doc.warnings.push({ code: 'yaml', message: String(e) });
    }
    const aliases = doc.frontmatter?.aliases ?? doc.frontmatter?.alias;
    doc.aliases = (Array.isArray(aliases) ? aliases : aliases ? [aliases] : []).map(String);
    const tags = doc.frontmatter?.tags;
    const tagList: unknown[] = Array.isArray(tags) ? tags : typeof tags === 'string' ? tags.split(/[,\s]+/) : [];
    doc.allTags = tagList.filter((t): t is string => typeof t === 'string' && t !== '').map((t) => `#${t.replace(/^#/, '')}`);
  }
  const body = text.slice(bodyStart);
  for (const m of body.matchAll(/(!?)\[\[([^\]\n]+?)\]\]/g)) {
    const [target, alias] = m[2]!.split('|') as [string, string | undefined];
    const item = { link: target.trim(), original: m[0], displayText: alias ?? target.trim(), position: pos(bodyStart + m.index, bodyStart + m.index + m[0].length) };
    (m[1] ? doc.embeds : doc.links).push(item);
  }
  for (const m of body.matchAll(/^(#{1,6})[ \t]+(.+?)[ \t#]*$/gm)) {
    doc.headings.push({ heading: m[2]!, level: m[1]!.length, position: pos(bodyStart + m.index, bodyStart + m.index + m[0].length) });
  }
  for (const m of body.matchAll(/(^|\s)(#[\p{L}\p{N}_/-]*[\p{L}_/-][\p{L}\p{N}_/-]*)/gmu)) {
    const start = bodyStart + m.index + m[1]!.length;
    doc.tags.push({ tag: m[2]!, position: pos(start, start + m[2]!.length) });
    doc.allTags.push(m[2]!);
  }
  return doc;
}
