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
