/**
 * Link resolution by Obsidian's metadata cache: authoritative inside the app (it knows every
 * file, attachments included, and the user's link settings), so the engine's link graph and
 * `resolveLink` use it instead of the core's re-implementation.
 */
import type { MetadataCache } from 'obsidian';
import { linkpathOfTarget, type LinkResolver } from '../core/graph/link-resolver';

export function obsidianLinkResolver(metadataCache: MetadataCache): LinkResolver {
  return (linkpath, sourcePath) => {
    const target = linkpathOfTarget(linkpath);
    if (target === '') return sourcePath;
    return metadataCache.getFirstLinkpathDest(target, sourcePath)?.path ?? null;
  };
}

export interface CachingResolver {
  resolve: LinkResolver;
  /** Forgets every answer: call when the set of files changes (create, delete, rename). */
  clear(): void;
}

/**
 * Remembers answers until the files change. The link graph is rebuilt for every index revision
 * (many times a second while a vault is indexed); resolving each of its links through the
 * metadata cache again cost ~50–120 ms per rebuild on the hub vault (65k links), a long task
 * each time the related view refreshed. An answer depends only on the link, the source note's
 * place and the set of files.
 */
export function cachingResolver(inner: LinkResolver): CachingResolver {
  let answers = new Map<string, string | null>();
  return {
    resolve: (linkpath, sourcePath) => {
      const key = `${sourcePath}\n${linkpath}`;
      let answer = answers.get(key);
      if (answer === undefined) {
        answer = inner(linkpath, sourcePath);
        answers.set(key, answer);
      }
      return answer;
    },
    clear: () => {
      answers = new Map();
    },
  };
}
