/**
 * Page entry: builds the Obsidian-like app, loads the plugin's main.js as Obsidian does
 * (CommonJS with a `require` that provides `obsidian` and CodeMirror), and exposes
 * `window.__host` for the test harness.
 */
import * as cmState from '@codemirror/state';
import * as cmView from '@codemirror/view';
import { installDomHelpers } from './dom';
import { installElectronGlobals } from './electron';
import { hostErrors, reportError } from './errors';
import * as obsidian from './obsidian';
import { parserName } from './metadata';
import { noticeLog } from './ui';
import { Platform, api } from './util';
import { MarkdownView } from './views';
import { TFile } from './vault';
import { App, type Plugin, type PluginManifest } from './app';

export interface HostConfig {
  pluginId: string;
  configDir: string;
  openOnStart: string | null;
}

installDomHelpers();
window.addEventListener('error', (e) => reportError('uncaught', e.error ?? e.message));
window.addEventListener('unhandledrejection', (e) => reportError('unhandled rejection', e.reason));

const params = new URLSearchParams(location.search);
document.body.addClass(`theme-${params.get('theme') === 'dark' ? 'dark' : 'light'}`, 'mod-linux', 'is-focused');
if (params.get('platform') === 'mobile') {
  Object.assign(Platform, { isDesktop: false, isDesktopApp: false, isMobile: true, isMobileApp: true, isAndroidApp: true, isPhone: true, isLinux: false });
  document.body.addClass('is-mobile');
}

if (!Platform.isMobile && params.get('electron') !== '0') installElectronGlobals();

const app = new App(document.body.createDiv('app-container'));
const modules: Record<string, unknown> = { obsidian, '@codemirror/state': cmState, '@codemirror/view': cmView };
let plugin: Plugin | null = null;
let pluginStyle: HTMLStyleElement | null = null;
let manifest: PluginManifest;

/** Obsidian's `require` inside plugin code; anything else (Node, Electron) fails as it does on mobile. */
function pluginRequire(id: string): unknown {
  if (id in modules) return modules[id];
  throw new Error(`Cannot find module '${id}' (the host provides ${Object.keys(modules).join(', ')})`);
}

async function enablePlugin(): Promise<void> {
  if (plugin) return;
  const dir = manifest.dir!;
  const adapter = app.vault.adapter;
  if (await adapter.exists(`${dir}/styles.css`)) {
    pluginStyle = document.head.createEl('style', { attr: { 'data-plugin': manifest.id } });
    pluginStyle.textContent = await adapter.read(`${dir}/styles.css`);
  }
  const code = await adapter.read(`${dir}/main.js`);
  const module = { exports: {} as Record<string, unknown> };
  new Function('require', 'module', 'exports', `${code}\n//# sourceURL=plugin:${manifest.id}`)(pluginRequire, module, module.exports);
  const PluginClass = (module.exports.default ?? module.exports) as new (app: App, manifest: PluginManifest) => Plugin;
  if (typeof PluginClass !== 'function') throw new Error(`main.js of ${manifest.id} exports no plugin class (module.exports.default).`);
  plugin = new PluginClass(app, manifest);
  app.plugins.plugins[manifest.id] = plugin;
  app.plugins.enabledPlugins.add(manifest.id);
  await plugin.load();
}

function disablePlugin(): void {
  if (!plugin) return;
  plugin.unload();
  pluginStyle?.remove();
  delete app.plugins.plugins[manifest.id];
  app.plugins.enabledPlugins.delete(manifest.id);
  plugin = null;
}

async function openNote(path: string, mode: 'source' | 'preview' = 'source', newLeaf = false): Promise<void> {
  const file = app.vault.getFileByPath(path);
  if (!(file instanceof TFile)) throw new Error(`No note at ${path}`);
  await app.workspace.getLeaf(newLeaf).openFile(file, { state: { mode }, active: true });
}

const host = {
  ready: false,
  bootError: null as string | null,
  errors: hostErrors,
  notices: noticeLog,
  parser: parserName,
  /** performance.now() when layout-ready fired; long tasks before it include the host's own startup. */
  layoutReadyAt: 0,
  app,
  get plugin() {
    return plugin;
  },
  enablePlugin,
  disablePlugin,
  openNote,
  runCommand: (id: string) => app.commands.executeCommandById(id),
  setTheme(theme: 'light' | 'dark') {
    document.body.toggleClass('theme-dark', theme === 'dark');
    document.body.toggleClass('theme-light', theme !== 'dark');
    app.workspace.trigger('css-change');
  },
  statusBarTexts: () => Array.from(app.statusBarEl.children).map((el) => el.textContent ?? ''),
  visibleNotices: () => Array.from(document.querySelectorAll('.notice')).map((el) => el.textContent ?? ''),
  activeMarkdownView: () => app.workspace.getActiveViewOfType(MarkdownView),
};
Object.assign(window, { __host: host, app });

async function boot(): Promise<void> {
  const config = (await (await api('/api/config')).json()) as HostConfig;
  app.vault.configDir = config.configDir;
  const dir = `${config.configDir}/plugins/${config.pluginId}`;
  manifest = { ...(JSON.parse(await app.vault.adapter.read(`${dir}/manifest.json`)) as PluginManifest), dir };
  const files = await app.vault.load();
  // Obsidian order: plugins load, then the vault announces every file ('create'), the metadata
  // cache resolves, and only then is the layout ready.
  await enablePlugin();
  for (const f of files) app.vault.trigger('create', f);
  await app.metadataCache.indexAll();
  if (config.openOnStart) await openNote(config.openOnStart);
  host.layoutReadyAt = performance.now();
  app.workspace.setLayoutReady();
  host.ready = true;
}

boot().catch((e: unknown) => {
  host.bootError = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
  reportError('boot', e);
});
