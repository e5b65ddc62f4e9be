/** Where "Ask my notes" looks: the whole vault, one folder, or one note and the notes linked with it. */
import type { LinkGraph } from '../graph/link-graph';
import type { SearchFilter } from '../search/types';

export type AskScope =
  | { kind: 'vault' }
  /** A vault-relative folder; '' or '/' is the vault root, i.e. the whole vault. */
  | { kind: 'folder'; folder: string }
  /** The note, the notes it links to and the notes that link to it. */
  | { kind: 'note'; path: string };

export const WHOLE_VAULT: AskScope = { kind: 'vault' };

export interface ResolvedScope {
  /** Undefined for the whole vault. */
  filter?: SearchFilter;
  contains: (path: string) => boolean;
}

export function resolveScope(scope: AskScope, graph: () => LinkGraph): ResolvedScope {
  if (scope.kind === 'folder') {
    const folder = scope.folder.replace(/^\/+|\/+$/g, '');
    if (folder === '') return { contains: () => true };
    return {
      filter: { pathPrefixes: [folder] },
      contains: (path) => path.startsWith(`${folder}/`),
    };
  }
  if (scope.kind === 'note') {
    const links = graph();
    const paths = new Set([scope.path, ...links.outgoing(scope.path), ...links.backlinks(scope.path)]);
    return { filter: { paths }, contains: (path) => paths.has(path) };
  }
  return { contains: () => true };
}

/** The folder of a note path ('' at the vault root). */
export function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(0, slash) : '';
}
