import { parseDocument } from 'yaml';
import type { LineIndex } from './lines';
import { wikilinksIn } from './links';
import type { FrontMatterCache, FrontmatterLinkCache, ParseWarning } from './types';

/**
 * The `---` block at the top of a note, as Obsidian recognises it: the first line is `---`
 * (after a BOM, trailing blanks allowed) and the block ends at the next line that is
 * `---`. Without a closing line there is no frontmatter and the first line is an ordinary
 * thematic break.
 */
export interface FrontmatterBlock {
  /** Offset of the opening `---`. */
  start: number;
  /** Offset just past the closing `---`. */
  end: number;
  /** Line of the closing `---`. */
  endLine: number;
  yaml: string;
}

const FENCE = /^---[ \t]*$/;

export function findFrontmatter(text: string, lines: LineIndex): FrontmatterBlock | null {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith('---', bom) || !FENCE.test(lines.lineText(0).slice(bom))) return null;
  for (let line = 1; line < lines.lineCount; line++) {
    const start = lines.lineStart(line);
    if (text.charCodeAt(start) !== 45) continue; // cheap pre-check before the regex
    if (!FENCE.test(lines.lineText(line))) continue;
    const yamlStart = lines.lineStart(1);
    return {
      start: bom,
      end: start + 3,
      endLine: line,
      yaml: line === 1 ? '' : text.slice(yamlStart, lines.lineEnd(line - 1)),
    };
  }
  return null;
}

/**
 * Reads the YAML the way Obsidian's properties come out: YAML 1.2 core schema, so dates
 * stay strings (`2024-07-21`), `yes`/`no` stay strings, empty values are null; duplicate
 * keys do not fail the block (the last one wins). A block that is not a mapping, or is
 * empty, yields no frontmatter (oracle `empty_yaml`). Broken YAML never throws: it adds a
 * `yaml` warning naming the note line and yields undefined, as Obsidian drops it too.
 */
export function readYaml(yaml: string, firstLine: number, warnings: ParseWarning[]): { value?: FrontMatterCache; broken: boolean } {
  if (yaml.trim() === '') return { broken: false };
  let doc;
  try {
    doc = parseDocument(yaml, { schema: 'core', uniqueKeys: false, strict: false });
  } catch (err) {
    warnings.push({ code: 'yaml', message: `Frontmatter is not valid YAML: ${firstMessageLine(err)}`, line: firstLine });
    return { broken: true };
  }
  const error = doc.errors[0];
  if (error) {
    const line = firstLine + Math.max(0, (error.linePos?.[0]?.line ?? 1) - 1);
    warnings.push({ code: 'yaml', message: `Frontmatter is not valid YAML: ${firstMessageLine(error)}`, line });
    return { broken: true };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    warnings.push({ code: 'yaml', message: `Frontmatter could not be read: ${firstMessageLine(err)}`, line: firstLine });
    return { broken: true };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { broken: false };
  return { value: value as FrontMatterCache, broken: false };
}

/** The yaml library's message without its code frame or its YAML-relative "at line N, column M". */
function firstMessageLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Wikilinks in frontmatter string values, keyed like Obsidian: the property name, with
 * `.index` for list items (`sample_link_list_property.0`) and `.key` for nested mappings.
 */
export function frontmatterLinks(frontmatter: FrontMatterCache): FrontmatterLinkCache[] {
  const found: FrontmatterLinkCache[] = [];
  const stack: Array<{ key: string; value: unknown }> = Object.entries(frontmatter)
    .map(([key, value]) => ({ key, value }))
    .reverse();
  let budget = 100_000; // a YAML alias bomb can fan out; links past this are not worth the time
  while (stack.length > 0 && budget-- > 0) {
    const item = stack.pop();
    if (!item) break;
    const { key, value } = item;
    if (typeof value === 'string') {
      for (const l of wikilinksIn(value)) found.push({ key, link: l.link, original: l.original, displayText: l.displayText });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ key: `${key}.${i}`, value: value[i] });
    } else if (value && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const entry = entries[i];
        if (entry) stack.push({ key: `${key}.${entry[0]}`, value: entry[1] });
      }
    }
  }
  return found;
}

/**
 * Frontmatter aliases as a list of strings: `aliases` (or the legacy `alias`), any case;
 * a list keeps its string and number items, a string is split at commas (the pre-1.9
 * convention many vaults still use).
 */
export function frontmatterAliases(frontmatter: FrontMatterCache | undefined): string[] {
  if (!frontmatter) return [];
  const keys = Object.keys(frontmatter);
  const key = keys.find((k) => /^aliases$/i.test(k)) ?? keys.find((k) => /^alias$/i.test(k));
  if (key === undefined) return [];
  const value = frontmatter[key];
  const raw: unknown[] = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : typeof value === 'number' ? [value] : [];
  const out = new Set<string>();
  for (const v of raw) {
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    const alias = String(v).trim();
    if (alias !== '') out.add(alias);
  }
  return [...out];
}
