import { defaultDisplayText } from './links';

/**
 * Plain text for embedding and snippets: the words a reader sees, without Markdown
 * syntax. Links become their display text (`[[Note|alias]]` → `alias`, `[[Note#Part]]` →
 * `Note > Part`, `[text](x.md)` → `text`), file embeds disappear, `==`/`**`/`~~`/emphasis
 * markers, callout markers (`> [!info]` keeps its title), heading and list markers, block
 * ids, comments and HTML tags are removed. Every pattern is bounded by an excluded
 * delimiter, so the cost stays linear in the text.
 */
export function stripMarkdown(markdown: string): string {
  let text = removeDelimited(markdown, '%%', '%%');
  text = removeDelimited(text, '<!--', '-->');
  const out: string[] = [];
  for (const raw of text.split(/\r\n|\r|\n/)) {
    let line = raw.replace(/^(?:[ \t]*>)+[ \t]?/, '');
    line = line.replace(/^[ \t]*\[![^\]\n]+\][+-]?[ \t]*/, '');
    if (/^[ \t]*(?:`{3,}|~{3,})/.test(line)) continue;
    if (/^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*(?::?-+:?)?[ \t]*$/.test(line)) continue;
    line = line.replace(/^[ \t]*#{1,6}[ \t]+/, '').replace(/[ \t]+#+[ \t]*$/, '');
    line = line.replace(/^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[^\]\n]\][ \t]+)?/, '$1');
    line = line.replace(/(?:^|[ \t])\^[A-Za-z0-9-]+[ \t]*$/, '');
    out.push(stripInline(line));
  }
  return out
    .join('\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const FILE_EXTENSION = /\.(?!md$)[A-Za-z0-9]{1,5}$/i;

function stripInline(line: string): string {
  return line
    .replace(/(`+)([^`]*?)\1/g, '$2')
    .replace(/(!?)\[\[([^[\]\n]+)\]\]/g, (_m, bang: string, inner: string) => {
      const bar = inner.indexOf('|');
      const target = bar > 0 ? inner.slice(0, bar).replace(/\\$/, '') : inner;
      if (bang && FILE_EXTENSION.test(target.split('#')[0] ?? '')) return '';
      return bar > 0 ? inner.slice(bar + 1) : defaultDisplayText(inner);
    })
    .replace(/!\[([^[\]\n]*)\]\((?:<[^<>\n]*>|[^()\s]*)(?:[ \t]+"[^"\n]*")?\)/g, (_m, alt: string) => alt.split('|')[0] ?? '')
    .replace(/\[([^[\]\n]*)\]\((?:<[^<>\n]*>|[^()\s]*)(?:[ \t]+"[^"\n]*")?\)/g, '$1')
    .replace(/\[\^[^\]\s]+\]/g, '')
    .replace(/<\/?[A-Za-z][^<>\n]*>/g, '')
    .replace(/(^|[^\w*])\*([^*\n]+)\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w_])_([^_\n]+)_(?![\w_])/g, '$1$2')
    .replace(/\*\*([^*\n]+)\*\*/g, '$1')
    .replace(/__([^_\n]+)__/g, '$1')
    .replace(/~~([^~\n]+)~~/g, '$1')
    .replace(/==([^=\n]+)==/g, '$1')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Removes `open ... close` spans (an unclosed one runs to the end), in one pass. */
function removeDelimited(text: string, open: string, close: string): string {
  let at = text.indexOf(open);
  if (at === -1) return text;
  const parts: string[] = [];
  let from = 0;
  while (at !== -1) {
    parts.push(text.slice(from, at));
    const end = text.indexOf(close, at + open.length);
    if (end === -1) return parts.join('');
    from = end + close.length;
    at = text.indexOf(open, from);
  }
  parts.push(text.slice(from));
  return parts.join('');
}
