/**
 * Scenario helpers: start the server and Debian's headless Chromium on the host page, wait for
 * the plugin to load, and drive it (commands, notes, hover, screenshots, long tasks, reload).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { instrumentPage, type CrashPlan, type TimelineEntry, type WorkerRecord } from './instrument';
import { startServer, type HostServer, type HostServerOptions } from './server';

export type { CrashPlan, TimelineEntry, WorkerRecord };

const here = path.dirname(fileURLToPath(import.meta.url));
export const artifactsDir = path.join(here, 'artifacts');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface StartHostOptions {
  /** Vault folder (copied to a temp dir; the original is never written). */
  vault: string;
  /** Folder holding the built `main.js` + `manifest.json` (+ `styles.css`), or the path of that main.js. Defaults to the repo root. */
  mainJs?: string;
  theme?: 'light' | 'dark';
  /** The plugin's saved data (`data.json`), i.e. what `loadData()` returns; a function `(serverUrl) => data` gets the server URL first. */
  settings?: unknown;
  /** Note opened in the root split when the layout is ready. */
  openOnStart?: string;
  platform?: 'desktop' | 'mobile';
  /** Desktop only: expose Electron's Node-ish `process` in the page and in workers, as Obsidian does. Default true. */
  electronProcess?: boolean;
  viewport?: { width: number; height: number };
  server?: Partial<HostServerOptions>;
  /** Start classic Blob-URL workers through a wrapper so `armWorkerCrash({ mode: 'throw' })` can crash them from inside. */
  crashableWorkers?: boolean;
  /** Install Playwright's fake clock before the page loads (time flows normally until a test moves it: `page.clock.fastForward`). */
  fakeClock?: boolean;
  /** Runs in the page before any of its scripts, on every load (e.g. a recorder for measurements). */
  initScript?: () => void;
}

export interface ScreenshotOptions {
  /** Only this element (the first match), or this page rectangle. Default: the full page. */
  selector?: string;
  clip?: { x: number; y: number; width: number; height: number };
}

export interface LongTask {
  startTime: number;
  duration: number;
}

export interface Host {
  page: Page;
  context: BrowserContext;
  server: HostServer;
  /** `app.commands.executeCommandById`: false when the command is unknown or its check callback refuses. */
  runCommand(id: string): Promise<boolean>;
  openNote(notePath: string, options?: { mode?: 'source' | 'preview'; newLeaf?: boolean }): Promise<void>;
  /** Moves the pointer onto the element (from outside it, so `mouseover` fires), holding Mod (Ctrl) if asked. */
  hover(selector: string, options?: { mod?: boolean }): Promise<void>;
  /** PNG in tests/e2e/artifacts/<name>.png (full page, one element or a rectangle); returns its path. */
  screenshot(name: string, options?: ScreenshotOptions): Promise<string>;
  /** Long tasks (> 50 ms on the main thread) since page load or the last reset; compare startTime with layoutReadyAt(). */
  longTasks(options?: { reset?: boolean }): Promise<LongTask[]>;
  /** performance.now() of the page when layout-ready fired. */
  layoutReadyAt(): Promise<number>;
  statusBar(): Promise<string[]>;
  /** Every notice message shown since page load, including hidden ones. */
  notices(): Promise<string[]>;
  visibleNotices(): Promise<string[]>;
  /** Errors the host caught: plugin callbacks, uncaught errors, unhandled rejections. */
  errors(): Promise<string[]>;
  /** Playwright's `pageerror` events (uncaught in the page) and console errors, since the host started. */
  pageErrors: string[];
  consoleErrors: string[];
  /** Every status bar and notice text shown since the page loaded, in order (see instrument.ts). */
  timeline(): Promise<TimelineEntry[]>;
  /** Every Web Worker the page started, with the messages it was sent. */
  workers(): Promise<WorkerRecord[]>;
  /** Kills the worker that receives the Nth `embed` request from now on (see instrument.ts). */
  armWorkerCrash(plan: CrashPlan): Promise<void>;
  /** Holds `embed` requests in the page (indexing stays in progress) until called with false. */
  pauseEmbeds(paused: boolean): Promise<void>;
  /** Pauses `embed` requests (as pauseEmbeds) at the first status bar text that matches. */
  pauseEmbedsWhen(status: RegExp): Promise<void>;
  setTheme(theme: 'light' | 'dark'): Promise<void>;
  /** Reloads the page; IndexedDB, Cache Storage and localStorage survive (same profile and origin). */
  reload(): Promise<void>;
  /** Closes and relaunches Chromium on the same profile: a full app restart. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

type HostWindow = Window & { __host?: { ready: boolean; bootError: string | null } & Record<string, any>; __longtasks?: LongTask[] };

function resolvePluginDir(mainJs: string | undefined): string | undefined {
  if (!mainJs) return undefined;
  return mainJs.endsWith('.js') ? path.dirname(mainJs) : mainJs;
}

async function launch(userDataDir: string, viewport: { width: number; height: number }, fakeClock: boolean): Promise<BrowserContext> {
  if (!fs.existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: apt-get update && apt-get install -y chromium`);
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: chromiumPath, headless: true, args: chromiumArgs, viewport });
  if (fakeClock) await context.clock.install();
  return context;
}

async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const h = (window as HostWindow).__host;
    return h && (h.ready || h.bootError !== null);
  });
  const bootError = await page.evaluate(() => (window as HostWindow).__host!.bootError);
  if (bootError) throw new Error(`The host failed to boot: ${bootError}`);
}

export async function startHost(options: StartHostOptions): Promise<Host> {
  const server = await startServer({
    vaultDir: options.vault,
    pluginDir: resolvePluginDir(options.mainJs),
    pluginData: options.settings,
    openOnStart: options.openOnStart,
    ...options.server,
  });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amn-e2e-profile-'));
  const viewport = options.viewport ?? { width: 1280, height: 800 };
  const query = new URLSearchParams({ theme: options.theme ?? 'light', platform: options.platform ?? 'desktop', electron: options.electronProcess === false ? '0' : '1' });
  const url = `${server.url}/?${query.toString()}`;
  let context: BrowserContext | null = null;
  let page: Page;

  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  const open = async () => {
    context = await launch(userDataDir, viewport, options.fakeClock ?? false);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
      if (msg.type() === 'error' || process.env.E2E_VERBOSE) process.stderr.write(`[page ${msg.type()}] ${msg.text()}\n`);
    });
    page.on('pageerror', (error) => {
      pageErrors.push(`${error.name}: ${error.message}`);
      process.stderr.write(`[page uncaught] ${error.stack ?? error.message}\n`);
    });
    await page.addInitScript(instrumentPage, { crashableWorkers: options.crashableWorkers ?? false });
    await page.addInitScript(() => {
      const w = window as HostWindow;
      w.__longtasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longtasks!.push({ startTime: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    if (options.initScript) await page.addInitScript(options.initScript);
    await page.goto(url);
    await waitReady(page);
  };
  try {
    await open();
  } catch (e) {
    await (context as BrowserContext | null)?.close();
    await server.close();
    throw e;
  }

  const evalHost = <T>(fn: string, ...args: unknown[]): Promise<T> =>
    page.evaluate(([f, a]) => (window as HostWindow).__host![f](...a) as T, [fn, args] as const);

  const host: Host = {
    get page() {
      return page;
    },
    get context() {
      return context!;
    },
    server,
    runCommand: (id) => evalHost<boolean>('runCommand', id),
    openNote: (notePath, o) => evalHost<void>('openNote', notePath, o?.mode ?? 'source', o?.newLeaf ?? false),
    async hover(selector, o) {
      await page.mouse.move(0, 0);
      if (o?.mod) await page.keyboard.down('Control');
      try {
        await page.hover(selector);
      } finally {
        if (o?.mod) await page.keyboard.up('Control');
      }
    },
    async screenshot(name, o) {
      fs.mkdirSync(artifactsDir, { recursive: true });
      const file = path.join(artifactsDir, `${name}.png`);
      if (o?.selector) await page.locator(o.selector).first().screenshot({ path: file });
      else await page.screenshot({ path: file, ...(o?.clip ? { clip: o.clip } : { fullPage: true }) });
      return file;
    },
    longTasks: (o) =>
      page.evaluate((reset) => {
        const w = window as HostWindow;
        const tasks = [...(w.__longtasks ?? [])];
        if (reset) w.__longtasks = [];
        return tasks;
      }, o?.reset ?? false),
    layoutReadyAt: () => page.evaluate(() => (window as HostWindow).__host!.layoutReadyAt as number),
    statusBar: () => evalHost<string[]>('statusBarTexts'),
    notices: () => page.evaluate(() => [...((window as HostWindow).__host!.notices as string[])]),
    visibleNotices: () => evalHost<string[]>('visibleNotices'),
    errors: () => page.evaluate(() => [...((window as HostWindow).__host!.errors as string[])]),
    pageErrors,
    consoleErrors,
    timeline: () => page.evaluate(() => [...(window as unknown as { __timeline: TimelineEntry[] }).__timeline]),
    workers: () => page.evaluate(() => (window as unknown as { __workers: WorkerRecord[] }).__workers.map((r) => ({ ...r, posted: { ...r.posted } }))),
    pauseEmbeds: (paused) => page.evaluate((p) => (window as unknown as { __pauseEmbeds: (paused: boolean) => void }).__pauseEmbeds(p), paused),
    pauseEmbedsWhen: (status) => page.evaluate((re) => (window as unknown as { __pauseEmbedsWhen: (re: string) => void }).__pauseEmbedsWhen(re), status.source),
    armWorkerCrash: (plan) => page.evaluate((p) => (window as unknown as { __armWorkerCrash: (plan: CrashPlan) => void }).__armWorkerCrash(p), plan),
    setTheme: (theme) => evalHost<void>('setTheme', theme),
    async reload() {
      await page.reload();
      await waitReady(page);
    },
    async restart() {
      await context!.close();
      await open();
    },
    async close() {
      await context?.close();
      await server.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  return host;
}
