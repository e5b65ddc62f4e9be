/**
 * Desktop Obsidian runs in Electron with Node integration: `process` is a global of the page and,
 * per reports from plugins that run transformers.js, of workers too. Libraries that sniff
 * `process.release.name === 'node'` (transformers.js does) then pick their Node code paths and
 * fail. The host reproduces that by default on desktop so the plugin's guard is exercised;
 * `?electron=0` turns it off.
 */
const fakeProcess = {
  release: { name: 'node' },
  versions: { node: '22.20.0', electron: '37.6.0' },
  platform: 'linux',
  type: 'renderer',
  env: {},
  argv: [],
  cwd: () => '/',
  nextTick: (fn: (...args: unknown[]) => void, ...args: unknown[]) => queueMicrotask(() => fn(...args)),
};

const prelude = `globalThis.process = ${JSON.stringify({ ...fakeProcess, cwd: undefined, nextTick: undefined })};`;

export function installElectronGlobals(): void {
  Object.assign(window, { process: fakeProcess });
  const NativeWorker = window.Worker;
  // Every worker first runs the prelude, then the script it was asked for (classic or module).
  class ElectronWorker extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      const target = new URL(String(url), location.href).href;
      const wrapper =
        options?.type === 'module'
          ? `import ${JSON.stringify(URL.createObjectURL(new Blob([prelude], { type: 'text/javascript' })))};\nimport ${JSON.stringify(target)};`
          : `${prelude}\nimportScripts(${JSON.stringify(target)});`;
      super(URL.createObjectURL(new Blob([wrapper], { type: 'text/javascript' })), options);
    }
  }
  Object.assign(window, { Worker: ElectronWorker });
}
