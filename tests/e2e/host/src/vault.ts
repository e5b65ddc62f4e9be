/**
 * `Vault`, `DataAdapter` and `FileManager` over the test server's temp copy of a vault.
 * Every change goes to the server first; the in-memory tree and the events follow only once
 * the server has confirmed, as Obsidian's events follow the disk.
 */
import { parseYaml, stringifyYaml } from './yaml';
import { Events } from './events';
import { api, normalizePath } from './util';

export interface FileStats {
  ctime: number;
  mtime: number;
  size: number;
}

export abstract class TAbstractFile {
  vault!: Vault;
  path = '';
  name = '';
  parent: TFolder | null = null;

  /** Sets path and the names derived from it. */
  setPath(path: string): void {
    this.path = path;
    this.name = path === '/' ? '' : (path.split('/').pop() ?? path);
  }
}

export class TFile extends TAbstractFile {
  stat: FileStats = { ctime: 0, mtime: 0, size: 0 };
  basename = '';
  extension = '';

  override setPath(path: string): void {
    super.setPath(path);
    const dot = this.name.lastIndexOf('.');
    this.basename = dot > 0 ? this.name.slice(0, dot) : this.name;
    this.extension = dot > 0 ? this.name.slice(dot + 1) : '';
  }
}

export class TFolder extends TAbstractFile {
  children: TAbstractFile[] = [];
  isRoot(): boolean {
    return this.path === '/';
  }
}

const enc = encodeURIComponent;
const parentPath = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '/');

/** Raw file access by vault-relative path, including the config folder; no vault events. */
export class HostAdapter {
  getName(): string {
    return 'e2e-vault';
  }
  async exists(path: string): Promise<boolean> {
    return (await this.stat(path)) !== null;
  }
  async stat(path: string): Promise<{ type: 'file' | 'folder'; ctime: number; mtime: number; size: number } | null> {
    return (await api(`/api/fs/stat?path=${enc(normalizePath(path))}`)).json() as Promise<null>;
  }
  async list(path: string): Promise<{ files: string[]; folders: string[] }> {
    return (await api(`/api/fs/list?path=${enc(normalizePath(path))}`)).json() as Promise<{ files: string[]; folders: string[] }>;
  }
  async read(path: string): Promise<string> {
    return (await api(`/api/fs/read?path=${enc(normalizePath(path))}`)).text();
  }
  async readBinary(path: string): Promise<ArrayBuffer> {
    return (await api(`/api/fs/read?path=${enc(normalizePath(path))}`)).arrayBuffer();
  }
  async write(path: string, data: string | ArrayBuffer, append = false): Promise<FileStats> {
    return (await api(`/api/fs/write?path=${enc(normalizePath(path))}${append ? '&append=1' : ''}`, { method: 'POST', body: data })).json() as Promise<FileStats>;
  }
  async writeBinary(path: string, data: ArrayBuffer): Promise<void> {
    await this.write(path, data);
  }
  async append(path: string, data: string): Promise<void> {
    await this.write(path, data, true);
  }
  async process(path: string, fn: (data: string) => string): Promise<string> {
    const next = fn(await this.read(path));
    await this.write(path, next);
    return next;
  }
  async mkdir(path: string): Promise<void> {
    await api(`/api/fs/mkdir?path=${enc(normalizePath(path))}`, { method: 'POST' });
  }
  async remove(path: string): Promise<void> {
    await api(`/api/fs/remove?path=${enc(normalizePath(path))}`, { method: 'POST' });
  }
  async rmdir(path: string, _recursive: boolean): Promise<void> {
    await this.remove(path);
  }
  async trashSystem(path: string): Promise<boolean> {
    await this.remove(path);
    return true;
  }
  async trashLocal(path: string): Promise<void> {
    await this.remove(path);
  }
  async rename(from: string, to: string): Promise<void> {
    await api(`/api/fs/rename?from=${enc(normalizePath(from))}&to=${enc(normalizePath(to))}`, { method: 'POST' });
  }
  async copy(from: string, to: string): Promise<void> {
    await this.writeBinary(to, await this.readBinary(from));
  }
  getResourcePath(path: string): string {
    return `${location.origin}/vault-resource/${normalizePath(path).split('/').map(enc).join('/')}`;
  }
}

export class Vault extends Events {
  adapter = new HostAdapter();
  configDir = '.obsidian';
  private root = new TFolder();
  private files = new Map<string, TAbstractFile>();
  /** What cachedRead returns: the last text read or written. */
  private texts = new Map<string, string>();

  constructor() {
    super();
    this.root.vault = this;
    this.root.setPath('/');
    this.files.set('/', this.root);
  }

  /** Loads the file tree and all Markdown texts; returns the files so the boot can emit 'create' for each. */
  async load(): Promise<TAbstractFile[]> {
    const list = (await (await api('/api/vault/list')).json()) as { path: string; folder: boolean; size: number; mtime: number; ctime: number }[];
    const texts = (await (await api('/api/vault/read-all')).json()) as Record<string, string>;
    for (const [p, t] of Object.entries(texts)) this.texts.set(p, t);
    return list.map((e) => this.insert(e.path, e.folder, e));
  }

  private insert(path: string, folder: boolean, stat?: FileStats): TAbstractFile {
    const f = folder ? new TFolder() : new TFile();
    f.vault = this;
    f.setPath(path);
    if (f instanceof TFile && stat) f.stat = { ctime: stat.ctime, mtime: stat.mtime, size: stat.size };
    const parent = this.files.get(parentPath(path));
    if (!(parent instanceof TFolder)) throw new Error(`Parent folder of ${path} is not in the vault.`);
    f.parent = parent;
    parent.children.push(f);
    this.files.set(path, f);
    return f;
  }

  private detachNode(file: TAbstractFile): void {
    file.parent?.children.remove(file);
    this.files.delete(file.path);
    this.texts.delete(file.path);
  }

  getName(): string {
    return 'e2e-vault';
  }
  getRoot(): TFolder {
    return this.root;
  }
  getAbstractFileByPath(path: string): TAbstractFile | null {
    return this.files.get(normalizePath(path)) ?? null;
  }
  getFileByPath(path: string): TFile | null {
    const f = this.getAbstractFileByPath(path);
    return f instanceof TFile ? f : null;
  }
  getFolderByPath(path: string): TFolder | null {
    const f = this.getAbstractFileByPath(path);
    return f instanceof TFolder ? f : null;
  }
  getAllLoadedFiles(): TAbstractFile[] {
    return [...this.files.values()];
  }
  getAllFolders(includeRoot = false): TFolder[] {
    return [...this.files.values()].filter((f): f is TFolder => f instanceof TFolder && (includeRoot || !f.isRoot()));
  }
  getFiles(): TFile[] {
    return [...this.files.values()].filter((f): f is TFile => f instanceof TFile);
  }
  getMarkdownFiles(): TFile[] {
    return this.getFiles().filter((f) => f.extension === 'md');
  }
  getResourcePath(file: TFile): string {
    return `${this.adapter.getResourcePath(file.path)}?${file.stat.mtime}`;
  }

  async read(file: TFile): Promise<string> {
    const text = await this.adapter.read(file.path);
    this.texts.set(file.path, text);
    return text;
  }
  async cachedRead(file: TFile): Promise<string> {
    return this.texts.get(file.path) ?? this.read(file);
  }
  /** The text the vault last saw, without I/O (the host's metadata cache reads this). */
  peekText(file: TFile): string | undefined {
    return this.texts.get(file.path);
  }
  async readBinary(file: TFile): Promise<ArrayBuffer> {
    return this.adapter.readBinary(file.path);
  }

  private async ensureFolders(path: string): Promise<void> {
    const parent = parentPath(path);
    if (parent === '/' || this.files.has(parent)) return;
    await this.createFolder(parent);
  }

  async createFolder(path: string): Promise<TFolder> {
    path = normalizePath(path);
    if (this.files.has(path)) throw new Error('Folder already exists.');
    await this.ensureFolders(path);
    await this.adapter.mkdir(path);
    const folder = this.insert(path, true) as TFolder;
    this.trigger('create', folder);
    return folder;
  }

  async create(path: string, data: string): Promise<TFile> {
    return this.createAny(path, data);
  }
  async createBinary(path: string, data: ArrayBuffer): Promise<TFile> {
    return this.createAny(path, data);
  }
  private async createAny(path: string, data: string | ArrayBuffer): Promise<TFile> {
    path = normalizePath(path);
    if (this.files.has(path)) throw new Error('File already exists.');
    await this.ensureFolders(path);
    const stat = await this.adapter.write(path, data);
    const file = this.insert(path, false, stat) as TFile;
    if (typeof data === 'string') this.texts.set(path, data);
    this.trigger('create', file);
    return file;
  }

  async modify(file: TFile, data: string): Promise<void> {
    await this.write(file, data);
  }
  async modifyBinary(file: TFile, data: ArrayBuffer): Promise<void> {
    await this.write(file, data);
  }
  async append(file: TFile, data: string): Promise<void> {
    await this.write(file, (await this.read(file)) + data);
  }
  /** Read-modify-write from the latest text; the host has a single writer, so this is atomic enough. */
  async process(file: TFile, fn: (data: string) => string): Promise<string> {
    const next = fn(await this.read(file));
    await this.write(file, next);
    return next;
  }
  private async write(file: TFile, data: string | ArrayBuffer): Promise<void> {
    if (!this.files.has(file.path)) throw new Error(`File ${file.path} no longer exists.`);
    const stat = await this.adapter.write(file.path, data);
    file.stat = { ctime: file.stat.ctime || stat.ctime, mtime: stat.mtime, size: stat.size };
    if (typeof data === 'string') this.texts.set(file.path, data);
    else this.texts.delete(file.path);
    this.trigger('modify', file);
  }

  async rename(file: TAbstractFile, newPath: string): Promise<void> {
    newPath = normalizePath(newPath);
    if (this.files.has(newPath)) throw new Error('Destination file already exists!');
    await this.ensureFolders(newPath);
    await this.adapter.rename(file.path, newPath);
    // Obsidian keeps the same objects and fires 'rename' for the item and for every descendant.
    const moved: [TAbstractFile, string][] = [];
    const move = (f: TAbstractFile, to: string) => {
      const old = f.path;
      const text = this.texts.get(old);
      this.files.delete(old);
      this.texts.delete(old);
      f.setPath(to);
      this.files.set(to, f);
      if (text !== undefined) this.texts.set(to, text);
      moved.push([f, old]);
      if (f instanceof TFolder) for (const c of f.children) move(c, `${to}/${c.name}`);
    };
    file.parent?.children.remove(file);
    move(file, newPath);
    const parent = this.files.get(parentPath(newPath)) as TFolder;
    file.parent = parent;
    parent.children.push(file);
    for (const [f, old] of moved) this.trigger('rename', f, old);
  }

  async copy<T extends TAbstractFile>(file: T, newPath: string): Promise<T> {
    if (!(file instanceof TFile)) throw new Error('The host copies files only.');
    return (await this.createBinary(newPath, await this.readBinary(file))) as unknown as T;
  }

  async delete(file: TAbstractFile, _force?: boolean): Promise<void> {
    await this.adapter.remove(file.path);
    const gone: TAbstractFile[] = [];
    const collect = (f: TAbstractFile) => {
      if (f instanceof TFolder) f.children.forEach(collect);
      gone.push(f);
    };
    collect(file);
    for (const f of gone) {
      this.detachNode(f);
      this.trigger('delete', f);
    }
  }

  /** The host has no trash folder: trashed files are deleted, with the same events. */
  async trash(file: TAbstractFile, _system: boolean): Promise<void> {
    await this.delete(file);
  }

  static recurseChildren(root: TFolder, cb: (file: TAbstractFile) => unknown): void {
    cb(root);
    for (const c of root.children) {
      if (c instanceof TFolder) Vault.recurseChildren(c, cb);
      else cb(c);
    }
  }
}

const frontmatterRe = /^---\r?\n([\s\S]*?)\r?\n?---(?:\r?\n|$)/;

export class FileManager {
  constructor(private vault: Vault) {}

  /** Renames without rewriting links in other notes (Obsidian does that only when its setting is on). */
  async renameFile(file: TAbstractFile, newPath: string): Promise<void> {
    await this.vault.rename(file, newPath);
  }
  async trashFile(file: TAbstractFile): Promise<void> {
    await this.vault.trash(file, true);
  }
  getNewFileParent(_sourcePath: string, _newFilePath?: string): TFolder {
    return this.vault.getRoot();
  }
  generateMarkdownLink(file: TFile, _sourcePath: string, subpath = '', alias = ''): string {
    const target = file.extension === 'md' ? file.basename : file.name;
    return `[[${target}${subpath}${alias ? `|${alias}` : ''}]]`;
  }
  async processFrontMatter(file: TFile, fn: (frontmatter: Record<string, unknown>) => void): Promise<void> {
    await this.vault.process(file, (text) => {
      const m = frontmatterRe.exec(text);
      const data = (m ? parseYaml(m[1]!) : null) ?? {};
      if (typeof data !== 'object' || Array.isArray(data)) throw new Error(`Frontmatter of ${file.path} is not a mapping.`);
      fn(data as Record<string, unknown>);
      const block = Object.keys(data).length ? `---\n${stringifyYaml(data)}---\n` : '';
      return m ? block + text.slice(m[0].length) : block + text;
    });
  }
}
