/** Asks before a rebuild, saying how much work it is, then starts it. */
import type { App } from 'obsidian';
import type { IndexControl } from '../obsidian/plugin-engine';
import { confirm } from './confirm-modal';

export async function confirmRebuild(app: App, engine: Pick<IndexControl, 'status' | 'rebuild'>, reason?: string): Promise<boolean> {
  const status = await engine.status();
  const notes = status ? `${status.notesIndexed} notes are` : 'Every note is';
  const ok = await confirm(app, {
    title: 'Rebuild the index?',
    message: `${reason ? `${reason} ` : ''}The stored index is discarded. ${notes} indexed again, which can take a while; keyword search keeps working meanwhile.`,
    confirmText: 'Rebuild',
    warning: true,
  });
  if (ok) await engine.rebuild();
  return ok;
}
