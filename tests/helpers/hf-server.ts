// A loopback stand-in for the Hugging Face Hub (127.0.0.1 only), serving model folders from
// ../shared/models in the Hub's layout:
//   GET/HEAD /<org>/<name>/resolve/<revision>/<file>   (Range support, Hub-like ETag/X-Linked-* headers)
//   GET      /api/models/<org>/<name>/tree/<revision>[/<dir>]   (sizes and digests)
// with switches to inject failures (status codes, cut-off bodies, hangs, corrupt bytes) and
// permissive CORS so a browser page on another loopback port can download from it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export type FaultKind = 'status' | 'truncate' | 'hang' | 'corrupt';

export interface Fault {
  /** File path inside the model (e.g. `onnx/model_quantized.onnx`), or `*` for every file. */
  file: string;
  kind: FaultKind;
  /** For `status`. */
  status?: number;
  /** For `truncate`: bytes of the body sent before the connection is cut (default: half). */
  keepBytes?: number;
  /** How many matching requests the fault affects (default: all). */
  times?: number;
  /** Only requests whose Range starts at or after this byte (default: every request). */
  fromByte?: number;
}

export interface HfServerOptions {
  modelsDir: string;
  /** Hub id → folder name under `modelsDir` (or an absolute folder). */
  models: Record<string, string>;
  /** Files larger than this are served like LFS files (X-Linked-Etag = SHA-256). */
  lfsThreshold?: number;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  range?: string;
  status: number;
}

export interface HfServer {
  url: string;
  faults: Fault[];
  /** Serve 200 with the whole file even when a Range was asked for. */
  ignoreRange: boolean;
  /** Answer 404 on the tree API, like a plain static mirror. */
  disableTreeApi: boolean;
  /** Send no ETag or X-Linked-Etag, like a bare static file server: downloads cannot be checked by digest. */
  omitDigests: boolean;
  requests: RequestLogEntry[];
  close(): Promise<void>;
}

const REPO_COMMIT = '0123456789abcdef0123456789abcdef01234567';

export async function startHfServer(options: HfServerOptions): Promise<HfServer> {
  const lfsThreshold = options.lfsThreshold ?? 256 * 1024;
  const digests = new Map<string, { sha256: string; gitSha1: string }>();
  const sockets = new Set<import('node:net').Socket>();

  const state: HfServer = {
    url: '',
    faults: [],
    ignoreRange: false,
    disableTreeApi: false,
    omitDigests: false,
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  const folderOf = (id: string): string | undefined => {
    const folder = options.models[id];
    return folder === undefined ? undefined : path.resolve(options.modelsDir, folder);
  };

  const digestOf = (file: string): { sha256: string; gitSha1: string } => {
    let d = digests.get(file);
    if (!d) {
      const bytes = fs.readFileSync(file);
      d = {
        sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
        gitSha1: crypto.createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex'),
      };
      digests.set(file, d);
    }
    return d;
  };

  const takeFault = (file: string, rangeStart: number): Fault | undefined => {
    const fault = state.faults.find(
      (f) => (f.file === '*' || f.file === file) && (f.times === undefined || f.times > 0) && rangeStart >= (f.fromByte ?? 0),
    );
    if (fault && fault.times !== undefined) fault.times--;
    return fault;
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const pathname = decodeURIComponent(url.pathname);
    const log: RequestLogEntry = { method: req.method ?? 'GET', path: pathname, status: 0 };
    if (typeof req.headers.range === 'string') log.range = req.headers.range;
    state.requests.push(log);
    const send = (status: number, headers: Record<string, string | number>, body?: Buffer | string): void => {
      log.status = status;
      res.writeHead(status, { ...corsHeaders(), ...headers });
      res.end(body);
    };

    if (req.method === 'OPTIONS') return send(204, {});

    const api = /^\/api\/models\/([^/]+\/[^/]+)\/tree\/([^/]+)(?:\/(.*))?$/.exec(pathname);
    if (api) {
      const folder = folderOf(api[1]!);
      if (state.disableTreeApi || !folder) return send(404, { 'content-type': 'application/json' }, '{"error":"Not found"}');
      const dir = path.join(folder, api[3] ?? '');
      if (!dir.startsWith(folder) || !fs.existsSync(dir)) return send(404, {}, '{"error":"Not found"}');
      const entries = fs.readdirSync(dir, { withFileTypes: true }).map((entry) => {
        const rel = path.posix.join(api[3] ?? '', entry.name);
        if (entry.isDirectory()) return { type: 'directory', oid: '0'.repeat(40), size: 0, path: rel };
        const full = path.join(dir, entry.name);
        const size = fs.statSync(full).size;
        const d = digestOf(full);
        return size > lfsThreshold
          ? { type: 'file', oid: '1'.repeat(40), size, path: rel, lfs: { oid: d.sha256, size, pointerSize: 134 } }
          : { type: 'file', oid: d.gitSha1, size, path: rel };
      });
      return send(200, { 'content-type': 'application/json' }, JSON.stringify(entries));
    }

    const resolve = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(pathname);
    const folder = resolve ? folderOf(resolve[1]!) : undefined;
    const fileName = resolve?.[3] ?? '';
    const full = folder ? path.join(folder, fileName) : '';
    if (!resolve || !folder || !full.startsWith(folder + path.sep) || !fs.existsSync(full) || !fs.statSync(full).isFile()) {
      return send(404, { 'x-error-code': 'EntryNotFound' }, 'Entry not found');
    }

    const rangeStart = Number(/^bytes=(\d+)-/.exec(typeof req.headers.range === 'string' ? req.headers.range : '')?.[1] ?? 0);
    const fault = takeFault(fileName, rangeStart);
    if (fault?.kind === 'status') return send(fault.status ?? 500, {}, `Injected HTTP ${fault.status ?? 500}`);
    if (fault?.kind === 'hang') {
      log.status = -1;
      return; // Never answer; the socket is destroyed on close().
    }

    const bytes = fs.readFileSync(full);
    const size = bytes.length;
    const d = digestOf(full);
    const lfs = size > lfsThreshold;
    const headers: Record<string, string | number> = {
      'accept-ranges': 'bytes',
      'content-type': 'application/octet-stream',
      'x-repo-commit': REPO_COMMIT,
    };
    if (!state.omitDigests) headers.etag = `"${lfs ? d.sha256 : d.gitSha1}"`;
    if (lfs && !state.omitDigests) {
      headers['x-linked-etag'] = `"${d.sha256}"`;
      headers['x-linked-size'] = size;
    }

    let status = 200;
    let body = bytes;
    const range = !state.ignoreRange && typeof req.headers.range === 'string' ? /^bytes=(\d+)-(\d*)$/.exec(req.headers.range) : null;
    if (range) {
      const start = Number(range[1]);
      const end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start >= size || end < start) return send(416, { ...headers, 'content-range': `bytes */${size}` });
      status = 206;
      body = bytes.subarray(start, end + 1);
      headers['content-range'] = `bytes ${start}-${end}/${size}`;
    }
    if (fault?.kind === 'corrupt') {
      body = Buffer.from(body);
      body[Math.floor(body.length / 2)]! ^= 0xff;
    }
    headers['content-length'] = body.length;
    log.status = status;
    res.writeHead(status, { ...corsHeaders(), ...headers });
    if (req.method === 'HEAD') return res.end();
    if (fault?.kind === 'truncate') {
      // Promise the whole body, send part of it, then cut the connection.
      res.write(body.subarray(0, Math.min(body.length - 1, fault.keepBytes ?? Math.floor(body.length / 2))));
      res.socket?.destroy();
      return;
    }
    res.end(body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

function corsHeaders(): Record<string, string> {
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'range, authorization, content-type',
    'access-control-expose-headers': 'content-range, content-length, accept-ranges, etag, x-linked-etag, x-linked-size, x-repo-commit',
  };
}
