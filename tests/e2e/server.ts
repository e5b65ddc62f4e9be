/**
 * The HTTP side of the e2e host, on 127.0.0.1 with a random port:
 * - `/` and `/host/*`: the host page, its CSS and the host bundle (built in memory with esbuild);
 * - `/api/config`, `/api/vault/*`, `/api/fs/*`: a temp copy of a vault, so the in-page `Vault`
 *   and `DataAdapter` can list, read, write, rename and delete (the source vault is never touched);
 * - `/vault-resource/<path>`: raw files of that copy, what `adapter.getResourcePath` points at;
 * - `/<org>/<name>/resolve/<rev>/<file>`: a Hugging Face–layout mirror of `../shared/models`
 *   with Range support and fault switches (500, 404, truncated body, hang).
 * The server runs in the test process, so tests drive faults and read the request log directly.
 */
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo, Socket } from 'node:net';
import esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const sharedDir = path.resolve(repoRoot, '../shared');
const hostDir = path.join(here, 'host');
const configDir = '.obsidian';

export type FaultKind = '500' | '404' | 'truncate' | 'hang';
export interface Fault {
  /** Substring or pattern matched against the request path. */
  match: string | RegExp;
  kind: FaultKind;
  /** How many requests it applies to; unlimited when absent. */
  times?: number;
}

export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  range?: string;
}

export interface HostServerOptions {
  /** Vault folder to copy; never written to. */
  vaultDir: string;
  /** Folder with the built plugin (`main.js`, `manifest.json`, `styles.css`). Defaults to the repo root. */
  pluginDir?: string;
  /** Files installed into the plugin folder. Obsidian's installer only ever ships these three. */
  pluginFiles?: string[];
  /**
   * Written to the plugin's `data.json` before the page loads (what `loadData()` returns). A
   * function gets the server's URL first, for settings that name it (e.g. the model mirror).
   */
  pluginData?: unknown;
  /** HF-layout model folders. Defaults to `../shared/models`. */
  modelsDir?: string;
  /** Repo id → folder under modelsDir, e.g. `{'Xenova/multilingual-e5-small': 'tiny-random-e5-like'}`. */
  modelAliases?: Record<string, string>;
  /** Note opened when the layout is ready. */
  openOnStart?: string;
  /** Faults active from the first request (the plugin starts downloading before a test could set them). */
  faults?: Fault[];
}

export interface HostServer {
  url: string;
  /** The temp copy the page reads and writes. */
  vaultRoot: string;
  pluginId: string;
  requests: RequestRecord[];
  setFault(fault: Fault): void;
  clearFaults(): void;
  close(): Promise<void>;
}

let hostBundle: Promise<string> | null = null;

/** Bundles the in-page Obsidian implementation (and CodeMirror, markdown-it, DOMPurify) once per process. */
export function buildHostBundle(): Promise<string> {
  hostBundle ??= esbuild
    .build({
      entryPoints: [path.join(hostDir, 'src/boot.ts')],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      write: false,
      sourcemap: 'inline',
      logLevel: 'silent',
      plugins: [coreParserPlugin],
    })
    .then((r) => r.outputFiles[0]!.text);
  return hostBundle;
}

/**
 * Resolves `amn:core-markdown` to the project's parser once `src/core/markdown/index.ts` exists,
 * else to an empty module (the metadata cache then uses its temporary fallback parser).
 */
const coreParserPlugin: esbuild.Plugin = {
  name: 'core-markdown',
  setup(build) {
    build.onResolve({ filter: /^amn:core-markdown$/ }, () => {
      const index = path.join(repoRoot, 'src/core/markdown/index.ts');
      return fs.existsSync(index) ? { path: index } : { path: 'empty', namespace: 'amn-empty' };
    });
    build.onLoad({ filter: /.*/, namespace: 'amn-empty' }, () => ({ contents: 'export {}', loader: 'js' }));
  },
};

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};
const mimeOf = (p: string) => mimeTypes[path.extname(p).toLowerCase()] ?? 'application/octet-stream';

function installPlugin(vaultRoot: string, opts: HostServerOptions): string {
  const pluginDir = opts.pluginDir ?? repoRoot;
  const manifestPath = path.join(pluginDir, 'manifest.json');
  if (!fs.existsSync(path.join(pluginDir, 'main.js'))) throw new Error(`No main.js in ${pluginDir}: build the plugin first (npm run build).`);
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { id: string };
  const target = path.join(vaultRoot, configDir, 'plugins', manifest.id);
  fs.mkdirSync(target, { recursive: true });
  for (const name of opts.pluginFiles ?? ['main.js', 'manifest.json', 'styles.css']) {
    const src = path.join(pluginDir, name);
    if (fs.existsSync(src)) fs.copyFileSync(src, path.join(target, name));
    else if (name !== 'styles.css') throw new Error(`Plugin file ${src} is missing.`);
  }
  if (opts.pluginData !== undefined && typeof opts.pluginData !== 'function') writePluginData(vaultRoot, manifest.id, opts.pluginData);
  return manifest.id;
}

function writePluginData(vaultRoot: string, pluginId: string, data: unknown): void {
  fs.writeFileSync(path.join(vaultRoot, configDir, 'plugins', pluginId, 'data.json'), JSON.stringify(data, null, 2));
}

/** Every file and folder of the vault except the config folder and dot-folders, as Obsidian lists them. */
function listVault(root: string): { path: string; folder: boolean; size: number; mtime: number; ctime: number }[] {
  const out: { path: string; folder: boolean; size: number; mtime: number; ctime: number }[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const p = rel ? `${rel}/${entry.name}` : entry.name;
      const st = fs.statSync(path.join(root, p));
      out.push({ path: p, folder: entry.isDirectory(), size: st.size, mtime: st.mtimeMs, ctime: st.birthtimeMs || st.ctimeMs });
      if (entry.isDirectory()) walk(p);
    }
  };
  walk('');
  return out;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startServer(opts: HostServerOptions): Promise<HostServer> {
  const vaultRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'amn-e2e-vault-'));
  fs.cpSync(opts.vaultDir, vaultRoot, { recursive: true });
  const pluginId = installPlugin(vaultRoot, opts);
  const modelsDir = opts.modelsDir ?? path.join(sharedDir, 'models');
  if (!fs.existsSync(modelsDir)) throw new Error(`Model fixtures missing at ${modelsDir} (expected ../shared/models beside the repo).`);
  const faults: Fault[] = (opts.faults ?? []).map((f) => ({ ...f }));
  const requests: RequestRecord[] = [];
  const sockets = new Set<Socket>();
  const hung = new Set<http.ServerResponse>();

  /** Maps a vault-relative path into the temp copy, refusing anything that escapes it. */
  const inVault = (rel: string | null): string => {
    const full = path.resolve(vaultRoot, rel ?? '');
    if (rel === null || (full !== vaultRoot && !full.startsWith(vaultRoot + path.sep))) throw Object.assign(new Error(`Bad vault path: ${rel}`), { status: 400 });
    return full;
  };

  const sendFile = (req: http.IncomingMessage, res: http.ServerResponse, file: string, fault: FaultKind | undefined): number => {
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`Not found: ${req.url}`);
      return 404;
    }
    const data = fs.readFileSync(file);
    const headers: Record<string, string | number> = { 'content-type': mimeOf(file), 'accept-ranges': 'bytes', etag: `"${data.length}-${Math.floor(fs.statSync(file).mtimeMs)}"` };
    let body = data;
    let status = 200;
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    if (range) {
      const start = range[1] ? Number(range[1]) : Math.max(0, data.length - Number(range[2]));
      const end = range[1] && range[2] ? Math.min(Number(range[2]), data.length - 1) : data.length - 1;
      if (start >= data.length || start > end) {
        res.writeHead(416, { 'content-range': `bytes */${data.length}` }).end();
        return 416;
      }
      body = data.subarray(start, end + 1);
      status = 206;
      headers['content-range'] = `bytes ${start}-${end}/${data.length}`;
    }
    headers['content-length'] = body.length;
    res.writeHead(status, headers);
    if (req.method === 'HEAD') res.end();
    else if (fault === 'truncate') {
      // Promise the whole body, send half, then cut the connection: what a dropped download looks like.
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
    } else res.end(body);
    return status;
  };

  const json = (res: http.ServerResponse, value: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(value));
    return 200;
  };

  const route = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL, fault: FaultKind | undefined): Promise<number> => {
    const p = decodeURIComponent(url.pathname);
    const q = (name: string) => url.searchParams.get(name);
    if (p === '/favicon.ico') {
      res.writeHead(204).end();
      return 204;
    }
    if (p === '/' || p === '/index.html') return sendFile(req, res, path.join(hostDir, 'index.html'), fault);
    if (p === '/host/host.js') {
      res.writeHead(200, { 'content-type': mimeTypes['.js']! }).end(await buildHostBundle());
      return 200;
    }
    if (p.startsWith('/host/') && /^[\w.-]+\.css$/.test(p.slice(6))) return sendFile(req, res, path.join(hostDir, p.slice(6)), fault);
    if (p === '/api/config') return json(res, { pluginId, configDir, openOnStart: opts.openOnStart ?? null });
    if (p === '/api/vault/list') return json(res, listVault(vaultRoot));
    if (p === '/api/vault/read-all') {
      const texts: Record<string, string> = {};
      for (const f of listVault(vaultRoot)) if (!f.folder && f.path.endsWith('.md')) texts[f.path] = fs.readFileSync(inVault(f.path), 'utf8');
      return json(res, texts);
    }
    if (p === '/api/fs/read') return sendFile(req, res, inVault(q('path')), fault);
    if (p === '/api/fs/stat') {
      const full = inVault(q('path'));
      if (!fs.existsSync(full)) return json(res, null);
      const st = fs.statSync(full);
      return json(res, { type: st.isDirectory() ? 'folder' : 'file', size: st.size, mtime: st.mtimeMs, ctime: st.birthtimeMs || st.ctimeMs });
    }
    if (p === '/api/fs/list') {
      const rel = q('path') ?? '';
      const entries = fs.readdirSync(inVault(rel), { withFileTypes: true });
      const join = (n: string) => (rel ? `${rel}/${n}` : n);
      return json(res, { files: entries.filter((e) => e.isFile()).map((e) => join(e.name)), folders: entries.filter((e) => e.isDirectory()).map((e) => join(e.name)) });
    }
    if (req.method === 'POST' && p === '/api/fs/write') {
      const full = inVault(q('path'));
      fs.mkdirSync(path.dirname(full), { recursive: true });
      const body = await readBody(req);
      if (q('append') === '1') fs.appendFileSync(full, body);
      else fs.writeFileSync(full, body);
      const st = fs.statSync(full);
      return json(res, { size: st.size, mtime: st.mtimeMs, ctime: st.birthtimeMs || st.ctimeMs });
    }
    if (req.method === 'POST' && p === '/api/fs/mkdir') {
      fs.mkdirSync(inVault(q('path')), { recursive: true });
      return json(res, { ok: true });
    }
    if (req.method === 'POST' && p === '/api/fs/rename') {
      const from = inVault(q('from'));
      const to = inVault(q('to'));
      if (fs.existsSync(to)) throw Object.assign(new Error(`Destination file already exists: ${q('to')}`), { status: 409 });
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.renameSync(from, to);
      return json(res, { ok: true });
    }
    if (req.method === 'POST' && p === '/api/fs/remove') {
      fs.rmSync(inVault(q('path')), { recursive: true });
      return json(res, { ok: true });
    }
    if (p.startsWith('/vault-resource/')) return sendFile(req, res, inVault(p.slice('/vault-resource/'.length)), fault);
    const model = /^\/([^/]+)\/([^/]+)\/resolve\/[^/]+\/(.+)$/.exec(p);
    if (model) {
      const repo = `${model[1]}/${model[2]}`;
      const folder = opts.modelAliases?.[repo] ?? (fs.existsSync(path.join(modelsDir, repo)) ? repo : model[2]!);
      const file = path.resolve(modelsDir, folder, model[3]!);
      if (!file.startsWith(modelsDir + path.sep)) throw Object.assign(new Error('Bad model path'), { status: 400 });
      return sendFile(req, res, file, fault);
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end(`Not found: ${p}`);
    return 404;
  };

  const takeFault = (p: string): FaultKind | undefined => {
    const i = faults.findIndex((f) => (typeof f.match === 'string' ? p.includes(f.match) : f.match.test(p)));
    if (i < 0) return undefined;
    const f = faults[i]!;
    if (f.times !== undefined && --f.times <= 0) faults.splice(i, 1);
    return f.kind;
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record: RequestRecord = { method: req.method ?? 'GET', path: decodeURIComponent(url.pathname), status: 0, ...(req.headers.range ? { range: req.headers.range } : {}) };
    requests.push(record);
    const fault = takeFault(record.path);
    if (fault === 'hang') {
      // Never answered while the fault lasts; clearFaults() or close() cuts the connection, as a restarted server would.
      hung.add(res);
      return;
    }
    if (fault === '500' || fault === '404') {
      record.status = Number(fault);
      res.writeHead(record.status, { 'content-type': 'text/plain' }).end(`Injected fault ${fault}`);
      return;
    }
    route(req, res, url, fault).then(
      (status) => (record.status = status),
      (err: Error & { status?: number; code?: string }) => {
        record.status = err.status ?? (err.code === 'ENOENT' ? 404 : 500);
        if (!res.headersSent) res.writeHead(record.status, { 'content-type': 'text/plain' }).end(err.message);
        else res.destroy();
      },
    );
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  if (typeof opts.pluginData === 'function') writePluginData(vaultRoot, pluginId, (opts.pluginData as (url: string) => unknown)(`http://127.0.0.1:${port}`));

  return {
    url: `http://127.0.0.1:${port}`,
    vaultRoot,
    pluginId,
    requests,
    setFault: (f) => faults.push({ ...f }),
    clearFaults: () => {
      faults.splice(0);
      for (const res of hung) res.socket?.destroy();
      hung.clear();
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(vaultRoot, { recursive: true, force: true });
    },
  };
}
