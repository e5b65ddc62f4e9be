/**
 * Page instrumentation the harness installs before any page script runs (`page.addInitScript`),
 * so it sees everything from the first line of main.js on. It must be self-contained: Playwright
 * serialises the function's source into the page.
 *
 * - `window.__timeline`: every text the status bar items and notices showed, with the page time
 *   (a MutationObserver; a status text that lasts one frame is still recorded).
 * - `window.__workers`: every Web Worker the page started (a transparent `Worker` subclass):
 *   its name, messages posted to it by `type`, texts sent for embedding, and whether it was
 *   terminated. `window.__armWorkerCrash({ afterEmbeds, mode })` makes the Nth `embed` request
 *   kill the worker that received it: `throw` raises an uncaught error inside the worker thread
 *   (what an out-of-memory or a WASM abort looks like to the page), `terminate` stops it silently.
 *   `throw` needs `crashable` workers: classic Blob-URL workers are then started through a
 *   two-line wrapper script that listens for the crash message first and `importScripts` the
 *   original (same origin, same global scope, same code).
 * - `window.__pauseEmbeds(true|false)`: while paused, `embed` requests are held in the page and
 *   sent on resume, in order: indexing stays "in progress" for as long as a test needs (to cancel
 *   it, or to photograph the status bar) without touching the plugin. `__pauseEmbedsWhen(re)`
 *   pauses at the first status bar text matching `re` (e.g. once some notes are done).
 */
export interface InstrumentOptions {
  crashableWorkers: boolean;
}

export interface TimelineEntry {
  at: number;
  kind: 'status' | 'notice';
  text: string;
}

export interface WorkerRecord {
  name: string;
  created: number;
  posted: Record<string, number>;
  /** Texts sent in `embed` requests. */
  embedTexts: number;
  terminated: boolean;
  /** Killed by `__armWorkerCrash`. */
  crashed: boolean;
  crashable: boolean;
}

export interface CrashPlan {
  /** Kill the worker right after the Nth `embed` request posted from now on (1 = the next one). */
  afterEmbeds: number;
  mode: 'throw' | 'terminate';
}

export function instrumentPage(options: InstrumentOptions): void {
  const w = window as unknown as {
    __timeline: TimelineEntry[];
    __workers: WorkerRecord[];
    __armWorkerCrash: (plan: CrashPlan) => void;
    __pauseEmbeds: (paused: boolean) => void;
    __pauseEmbedsWhen: (statusPattern: string) => void;
  };
  w.__timeline = [];
  let paused = false;
  let pauseWhen: RegExp | null = null;
  const held: (() => void)[] = [];
  w.__pauseEmbeds = (p) => {
    paused = p;
    pauseWhen = null;
    if (!p) for (const send of held.splice(0)) send();
  };
  w.__pauseEmbedsWhen = (pattern) => {
    pauseWhen = new RegExp(pattern);
  };
  const seen = new WeakMap<Element, string>();
  const record = (): void => {
    for (const el of Array.from(document.querySelectorAll('.status-bar-item, .notice'))) {
      const text = el.textContent ?? '';
      if (seen.get(el) === text) continue;
      seen.set(el, text);
      const kind = el.classList.contains('notice') ? 'notice' : 'status';
      w.__timeline.push({ at: performance.now(), kind, text });
      if (kind === 'status' && pauseWhen?.test(text)) {
        paused = true;
        pauseWhen = null;
      }
    }
  };
  new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true });

  w.__workers = [];
  let plan: (CrashPlan & { seen: number }) | null = null;
  w.__armWorkerCrash = (p) => {
    plan = { ...p, seen: 0 };
  };
  const CRASH = '__e2eCrash';
  const Native = window.Worker;
  class InstrumentedWorker extends Native {
    private readonly record: WorkerRecord;
    constructor(url: string | URL, workerOptions?: WorkerOptions) {
      const href = String(url);
      const crashable = options.crashableWorkers && href.startsWith('blob:') && workerOptions?.type !== 'module';
      const wrapper = `self.addEventListener('message', function (e) { if (e.data && e.data.${CRASH}) { e.stopImmediatePropagation(); throw new Error(e.data.${CRASH}); } });\nimportScripts(${JSON.stringify(href)});`;
      super(crashable ? URL.createObjectURL(new Blob([wrapper], { type: 'text/javascript' })) : url, workerOptions);
      this.record = { name: workerOptions?.name ?? '', created: performance.now(), posted: {}, embedTexts: 0, terminated: false, crashed: false, crashable };
      w.__workers.push(this.record);
    }
    override postMessage(message: unknown, transfer?: Transferable[] | StructuredSerializeOptions): void {
      const type = (message as { type?: unknown } | null)?.type;
      if (paused && type === 'embed') {
        held.push(() => this.postMessage(message, transfer));
        return;
      }
      super.postMessage(message, transfer as Transferable[]);
      if (typeof type !== 'string') return;
      this.record.posted[type] = (this.record.posted[type] ?? 0) + 1;
      if (type !== 'embed') return;
      const texts = (message as { texts?: unknown[] }).texts;
      this.record.embedTexts += Array.isArray(texts) ? texts.length : 0;
      if (plan && ++plan.seen >= plan.afterEmbeds) {
        const mode = plan.mode;
        plan = null;
        this.record.crashed = true;
        if (mode === 'terminate') this.terminate();
        else super.postMessage({ [CRASH]: 'e2e: the embedding worker crashed mid-batch' });
      }
    }
    override terminate(): void {
      this.record.terminated = true;
      super.terminate();
    }
  }
  window.Worker = InstrumentedWorker;
}
