/**
 * A small glob matcher for exclusion patterns, written here rather than pulling in
 * picomatch/minimatch: those are larger than this whole index module, and the versions
 * installed reach for Node's `path`, which plugin code on mobile must not import. Supported:
 *
 * - `Templates/` or `Templates`: the folder and everything under it (a plain path also matches itself);
 * - `*` any run of characters except `/`; `?` one character except `/`; `**` any run including `/`
 *   (`**\/` also matches no folder at all); `[abc]`, `[a-z]`, `[!abc]`; `{a,b}` alternatives;
 * - a pattern without `/` (e.g. `*.excalidraw.md`) is matched against the file name at any depth, as in .gitignore;
 * - a leading `/` anchors at the vault root (and is otherwise ignored).
 *
 * Matching is case-sensitive, like paths on Linux and in Obsidian's own link resolution.
 */

export type PathMatcher = (path: string) => boolean;

const GLOB_CHARS = /[*?[\]{}]/;

export function compileGlob(pattern: string): PathMatcher {
  let source = pattern.trim().replace(/\\/g, '/');
  if (source.startsWith('/')) source = source.slice(1);
  if (source === '') return () => false;
  if (!GLOB_CHARS.test(source)) {
    const folder = source.endsWith('/') ? source : `${source}/`;
    const exact = source.replace(/\/+$/, '');
    return (path) => path === exact || path.startsWith(folder);
  }
  const basenameOnly = !source.includes('/');
  const folderOnly = source.endsWith('/');
  let regex: RegExp;
  try {
    regex = new RegExp(`^${translate(folderOnly ? source.slice(0, -1) : source)}${folderOnly ? '(?:/.*)?' : ''}$`, 'u');
  } catch {
    // A malformed pattern (an unclosed `{`) is taken literally rather than rejected.
    return (path) => path === source || path.startsWith(folderOnly ? source : `${source}/`);
  }
  if (basenameOnly) return (path) => regex.test(path.slice(path.lastIndexOf('/') + 1));
  return (path) => regex.test(path);
}

function translate(glob: string): string {
  let out = '';
  let braceDepth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        out += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end === -1) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, end);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^/' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else if (c === '{') {
      braceDepth++;
      out += '(?:';
    } else if (c === '}' && braceDepth > 0) {
      braceDepth--;
      out += ')';
    } else if (c === ',' && braceDepth > 0) {
      out += '|';
    } else {
      out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return out;
}
