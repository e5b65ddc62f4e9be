/**
 * Resolves a link target to a note path the way Obsidian's `getFirstLinkpathDest` does:
 * an exact vault path wins, then a path relative to the linking note's folder, then any
 * note with that file name (case-insensitive), preferring one in the linking note's folder
 * and then the shortest path. Inside Obsidian the metadata cache does this for real; this
 * copy serves the CLI and the worker.
 */
export type LinkResolver = (linkpath: string, sourcePath: string) => string | null;

/** `Note#Heading` → `Note`, `Note#^block` → `Note`, `#Heading` → '' (a link inside the same note). */
export function linkpathOfTarget(link: string): string {
  const hash = link.indexOf('#');
  return (hash >= 0 ? link.slice(0, hash) : link).trim();
}

function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(0, slash) : '';
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function stripMd(name: string): string {
  return name.toLowerCase().endsWith('.md') ? name.slice(0, -3) : name;
}

function normalizeRelative(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** Builds a resolver over a fixed list of note paths (vault-relative, with `.md`). */
export function createLinkResolver(paths: Iterable<string>): LinkResolver {
  const byLowerPath = new Map<string, string>();
  const byName = new Map<string, string[]>();
  for (const path of paths) {
    byLowerPath.set(path.toLowerCase(), path);
    const name = stripMd(basename(path)).toLowerCase();
    const list = byName.get(name);
    if (list) list.push(path);
    else byName.set(name, [path]);
  }
  for (const list of byName.values()) list.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));

  const exact = (candidate: string): string | null => {
    const clean = normalizeRelative(decodeSafe(candidate));
    if (!clean) return null;
    return byLowerPath.get(clean.toLowerCase()) ?? byLowerPath.get(`${clean}.md`.toLowerCase()) ?? null;
  };

  return (linkpath, sourcePath) => {
    const target = linkpathOfTarget(linkpath);
    if (target === '') return sourcePath;
    const direct = exact(target);
    if (direct) return direct;
    const folder = dirname(sourcePath);
    if (folder) {
      const relative = exact(`${folder}/${target}`);
      if (relative) return relative;
    }
    const candidates = byName.get(stripMd(basename(decodeSafe(target))).toLowerCase());
    if (!candidates) return null;
    if (target.includes('/')) {
      // `[[Folder/Note]]` may name a path suffix rather than a full path.
      const suffix = `/${stripMd(normalizeRelative(decodeSafe(target))).toLowerCase()}.md`;
      const match = candidates.find((c) => `/${c.toLowerCase()}`.endsWith(suffix));
      if (match) return match;
      return null;
    }
    return candidates.find((c) => dirname(c) === folder) ?? candidates[0] ?? null;
  };
}

function decodeSafe(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
