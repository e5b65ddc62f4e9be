/**
 * How index work on Obsidian's main thread lets everything else through between slices
 * (core/index/time-slicer.ts): a MessageChannel message, a task at normal priority. Not a
 * zero-delay `setTimeout`: Chromium clamps nested timers to 4 ms, so a yield every 10 ms of
 * work would leave the thread idle a third of the time. Not `scheduler.yield()`: its
 * continuations run before other queued tasks, so the embedding worker's messages (the model
 * load, finished batches) and IndexedDB callbacks waited until a whole pass over a big vault
 * was done (hub vault: the model was ready 17 s after layout-ready instead of 12 s).
 */
export function yieldToMain(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => window.setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
