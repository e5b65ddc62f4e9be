/** Obsidian's free functions: paths, links, keys, search, HTTP. */
export { debounce, normalizePath } from '../../../stubs/obsidian';

/** Desktop Linux by default; `?platform=mobile` on the page URL flips it before the plugin loads. */
export const Platform = {
  isDesktop: true,
  isMobile: false,
  isDesktopApp: true,
  isMobileApp: false,
  isIosApp: false,
  isAndroidApp: false,
  isPhone: false,
  isTablet: false,
  isMacOS: false,
  isWin: false,
  isLinux: true,
  isSafari: false,
  resourcePathPrefix: '/vault-resource/',
};

export function parseLinktext(linktext: string): { path: string; subpath: string } {
  const i = linktext.indexOf('#');
  return i < 0 ? { path: linktext, subpath: '' } : { path: linktext.slice(0, i), subpath: linktext.slice(i) };
}

export function getLinkpath(linktext: string): string {
  return parseLinktext(linktext).path;
}

type ModEvent = MouseEvent | KeyboardEvent | TouchEvent | PointerEvent;

export class Keymap {
  /** 'tab' for Mod, 'split' for Mod+Alt, 'window' for Mod+Alt+Shift, 'tab' for a middle click, else false. */
  static isModEvent(evt?: ModEvent | null): 'tab' | 'split' | 'window' | boolean {
    if (!evt) return false;
    const mod = Platform.isMacOS ? evt.metaKey : evt.ctrlKey;
    if (mod && evt.altKey && evt.shiftKey) return 'window';
    if (mod && evt.altKey) return 'split';
    if (mod) return 'tab';
    if (evt instanceof MouseEvent && evt.button === 1) return 'tab';
    return false;
  }

  static isModifier(evt: ModEvent, modifier: 'Mod' | 'Ctrl' | 'Meta' | 'Shift' | 'Alt'): boolean {
    if (modifier === 'Mod') return Platform.isMacOS ? evt.metaKey : evt.ctrlKey;
    return ({ Ctrl: evt.ctrlKey, Meta: evt.metaKey, Shift: evt.shiftKey, Alt: evt.altKey } as const)[modifier];
  }
}

export interface SearchResult {
  score: number;
  matches: [number, number][];
}

/** Every space-separated word must occur (case-insensitive); score prefers early, tight matches. */
export function prepareSimpleSearch(query: string): (text: string) => SearchResult | null {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return (text) => {
    const lower = text.toLowerCase();
    const matches: [number, number][] = [];
    for (const w of words) {
      const i = lower.indexOf(w);
      if (i < 0) return null;
      matches.push([i, i + w.length]);
    }
    return { score: -matches.reduce((s, [a]) => s + a, 0) / Math.max(1, text.length), matches: matches.sort((a, b) => a[0] - b[0]) };
  };
}

/** Query characters must appear in order; each gap costs score. */
export function prepareFuzzySearch(query: string): (text: string) => SearchResult | null {
  const q = query.toLowerCase().replace(/\s+/g, '');
  return (text) => {
    const lower = text.toLowerCase();
    const matches: [number, number][] = [];
    let pos = 0;
    let score = 0;
    for (const ch of q) {
      const i = lower.indexOf(ch, pos);
      if (i < 0) return null;
      score -= i - pos;
      const last = matches[matches.length - 1];
      if (last && last[1] === i) last[1] = i + 1;
      else matches.push([i, i + 1]);
      pos = i + 1;
    }
    return { score, matches };
  };
}

export interface RequestUrlParam {
  url: string;
  method?: string;
  contentType?: string;
  body?: string | ArrayBuffer;
  headers?: Record<string, string>;
  throw?: boolean;
}

export interface RequestUrlResponse {
  status: number;
  headers: Record<string, string>;
  arrayBuffer: ArrayBuffer;
  text: string;
  json: any;
}

/**
 * Obsidian's requestUrl: the whole body at once, headers lower-cased, and an Error for status ≥ 400
 * unless `throw: false`. The app bypasses CORS; here every URL a test uses is same-origin anyway.
 */
export function requestUrl(request: RequestUrlParam | string): Promise<RequestUrlResponse> & { arrayBuffer: Promise<ArrayBuffer>; text: Promise<string>; json: Promise<any> } {
  const r = typeof request === 'string' ? { url: request } : request;
  const promise = (async (): Promise<RequestUrlResponse> => {
    const headers: Record<string, string> = { ...r.headers };
    if (r.contentType) headers['content-type'] = r.contentType;
    const res = await fetch(r.url, { method: r.method ?? 'GET', headers, body: r.body ?? null });
    const arrayBuffer = await res.arrayBuffer();
    const resHeaders: Record<string, string> = {};
    res.headers.forEach((v, k) => (resHeaders[k] = v));
    if (res.status >= 400 && r.throw !== false) {
      throw Object.assign(new Error(`Request failed, status ${res.status}`), { status: res.status, headers: resHeaders });
    }
    const text = new TextDecoder().decode(arrayBuffer);
    return {
      status: res.status,
      headers: resHeaders,
      arrayBuffer,
      text,
      get json() {
        return JSON.parse(text) as unknown;
      },
    };
  })();
  // Derived promises are made on access so an unread one never becomes an unhandled rejection.
  const lazy = (pick: (res: RequestUrlResponse) => unknown) => ({ get: () => promise.then(pick) });
  return Object.defineProperties(promise, {
    arrayBuffer: lazy((res) => res.arrayBuffer),
    text: lazy((res) => res.text),
    json: lazy((res) => res.json),
  }) as ReturnType<typeof requestUrl>;
}

export async function request(req: RequestUrlParam | string): Promise<string> {
  return (await requestUrl(req)).text;
}

/** Errors from the host's own JSON API, with the server's message. */
export async function api(path: string, init?: RequestInit): Promise<Response> {
  const res = await fetch(path, init);
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${path} failed: ${res.status} ${await res.text()}`);
  return res;
}
