/**
 * `MetadataCache` from the project's own parser (a superset of Obsidian's CachedMetadata), with
 * Obsidian's link resolution: case-insensitive, exact path first, then by name, preferring the
 * source note's folder, then the shortest path.
 */
import * as core from 'amn:core-markdown';
import type { NoteDoc } from '../../../../src/core/markdown/types';
import { Events } from './events';
import { fallbackParseNote } from './parse-fallback';
import { getLinkpath, normalizePath } from './util';
import { TFile, type TAbstractFile, type Vault } from './vault';

/** Which parser is in use, so a scenario can tell whether it ran against the real one. */
export const parserName = typeof core.parseNote === 'function' ? 'src/core/markdown' : 'temporary fallback';
const parseNote = (typeof core.parseNote === 'function' ? core.parseNote : fallbackParseNote) as (text: string, path?: string) => NoteDoc;

const folderOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');

export class MetadataCache extends Events {
  resolvedLinks: Record<string, Record<string, number>> = {};
  unresolvedLinks: Record<string, Record<string, number>> = {};
  private caches = new Map<string, NoteDoc>();
  private byName: Map<string, TFile[]> | null = null;
  /** Vault events before the startup index (the 'create' of every file) are covered by indexAll(). */
  private indexed = false;

  constructor(private vault: Vault) {
    super();
    vault.on('create', () => this.indexed && this.filesChanged());
    vault.on('delete', (file: TAbstractFile) => {
      if (!this.indexed) return;
      const prev = this.caches.get(file.path) ?? null;
      this.caches.delete(file.path);
      this.filesChanged();
      if (file instanceof TFile && file.extension === 'md') this.trigger('deleted', file, prev);
    });
    vault.on('rename', (file: TAbstractFile, oldPath: string) => {
      if (!this.indexed) return;
      const cache = this.caches.get(oldPath);
      this.caches.delete(oldPath);
      if (cache) this.caches.set(file.path, cache);
      this.filesChanged();
    });
    vault.on('create', (file: TAbstractFile) => this.indexed && void this.indexIfMarkdown(file));
    vault.on('modify', (file: TAbstractFile) => this.indexed && void this.indexIfMarkdown(file));
  }

  /**
   * Parses every Markdown file the vault has loaded, then fires 'resolved' once, as at startup.
   * Obsidian indexes off the main thread; the host yields every ~20 ms instead, so its own
   * startup work does not show up as one long task in a scenario's measurements.
   */
  async indexAll(): Promise<void> {
    let sliceStart = performance.now();
    const yieldSometimes = async () => {
      if (performance.now() - sliceStart < 20) return;
      await new Promise((resolve) => window.setTimeout(resolve, 0));
      sliceStart = performance.now();
    };
    for (const file of this.vault.getMarkdownFiles()) {
      const text = this.vault.peekText(file);
      if (text !== undefined) this.caches.set(file.path, parseNote(text, file.path));
      await yieldSometimes();
    }
    this.resolvedLinks = {};
    this.unresolvedLinks = {};
    for (const path of this.caches.keys()) {
      this.resolveFile(path);
      await yieldSometimes();
    }
    this.indexed = true;
    this.trigger('resolved');
  }

  private async indexIfMarkdown(file: TAbstractFile): Promise<void> {
    if (!(file instanceof TFile) || file.extension !== 'md') return;
    const text = await this.vault.cachedRead(file);
    const cache = parseNote(text, file.path);
    this.caches.set(file.path, cache);
    this.trigger('changed', file, text, cache);
    this.resolveFile(file.path);
    this.trigger('resolve', file);
    this.trigger('resolved');
  }

  /** A file appeared, moved or vanished: name lookups and every note's link targets may change. */
  private filesChanged(): void {
    this.byName = null;
    this.resolveAll();
  }

  private resolveAll(): void {
    this.resolvedLinks = {};
    this.unresolvedLinks = {};
    for (const path of this.caches.keys()) this.resolveFile(path);
  }

  private resolveFile(path: string): void {
    const cache = this.caches.get(path);
    const resolved: Record<string, number> = {};
    const unresolved: Record<string, number> = {};
    for (const ref of [...(cache?.links ?? []), ...(cache?.embeds ?? []), ...(cache?.frontmatterLinks ?? [])]) {
      const linkpath = getLinkpath(ref.link);
      const dest = this.getFirstLinkpathDest(linkpath, path);
      if (dest) resolved[dest.path] = (resolved[dest.path] ?? 0) + 1;
      else unresolved[linkpath] = (unresolved[linkpath] ?? 0) + 1;
    }
    this.resolvedLinks[path] = resolved;
    this.unresolvedLinks[path] = unresolved;
  }

  getFileCache(file: TFile): NoteDoc | null {
    return this.caches.get(file.path) ?? null;
  }

  getCache(path: string): NoteDoc | null {
    return this.caches.get(path) ?? null;
  }

  getFirstLinkpathDest(linkpath: string, sourcePath: string): TFile | null {
    if (linkpath === '') return this.vault.getFileByPath(sourcePath);
    const wanted = normalizePath(linkpath.startsWith('./') || linkpath.startsWith('../') ? `${folderOf(sourcePath)}/${linkpath}` : linkpath);
    const exact = this.vault.getFileByPath(wanted) ?? this.vault.getFileByPath(`${wanted}.md`);
    if (exact) return exact;
    if (!this.byName) {
      this.byName = new Map();
      for (const f of this.vault.getFiles()) {
        for (const key of new Set([f.name.toLowerCase(), f.extension === 'md' ? f.basename.toLowerCase() : ''])) {
          if (key) this.byName.set(key, [...(this.byName.get(key) ?? []), f]);
        }
      }
    }
    const lower = wanted.toLowerCase();
    const name = lower.split('/').pop()!;
    const suffix = (f: TFile) => (f.extension === 'md' && !lower.endsWith('.md') ? f.path.slice(0, -3) : f.path).toLowerCase();
    const candidates = (this.byName.get(name) ?? []).filter((f) => suffix(f) === lower || suffix(f).endsWith(`/${lower}`));
    const here = folderOf(sourcePath);
    candidates.sort((a, b) => Number(folderOf(b.path) === here) - Number(folderOf(a.path) === here) || a.path.length - b.path.length || a.path.localeCompare(b.path));
    return candidates[0] ?? null;
  }

  fileToLinktext(file: TFile, sourcePath: string, omitMdExtension = true): string {
    const name = omitMdExtension && file.extension === 'md' ? file.basename : file.name;
    const byName = this.getFirstLinkpathDest(name, sourcePath);
    if (byName === file) return name;
    return omitMdExtension && file.extension === 'md' ? file.path.slice(0, -3) : file.path;
  }

  /** Not public API in Obsidian (internal `getBacklinksForFile`), kept in the same shape: `{ data: Map<sourcePath, links> }`. */
  getBacklinksForFile(file: TFile): { data: Map<string, NoteDoc['links']> } {
    const data = new Map<string, NoteDoc['links']>();
    for (const [src, targets] of Object.entries(this.resolvedLinks)) {
      if (!targets[file.path]) continue;
      const cache = this.caches.get(src);
      const links = [...(cache?.links ?? []), ...(cache?.embeds ?? [])].filter((l) => this.getFirstLinkpathDest(getLinkpath(l.link), src) === file);
      data.set(src, links);
    }
    return { data };
  }
}
