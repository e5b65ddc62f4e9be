// @vitest-environment happy-dom
import type { App as ObsidianApp, Plugin as ObsidianPlugin } from 'obsidian';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INDEXING_COMMAND_IDS, registerIndexingCommands } from '../../src/ui/indexing-commands';
import { FakeEmbedder } from '../helpers/fake-embedder';
import { EngineHarness, notes } from '../obsidian/engine-harness';

interface Registered {
  id: string;
  name: string;
  hotkeys?: unknown[];
  callback?: () => unknown;
  checkCallback?: (checking: boolean) => boolean | void;
}

const harnesses: EngineHarness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.unload();
});

function setUp(files = notes(20)) {
  const h = new EngineHarness({ files });
  harnesses.push(h);
  const opened: string[] = [];
  registerIndexingCommands(h.plugin as unknown as ObsidianPlugin, h.app as unknown as ObsidianApp, h.engine, {
    openStatus: () => opened.push('status'),
    openModelChooser: () => opened.push('model'),
  });
  const commands = h.plugin.commands as Registered[];
  const command = (id: string): Registered => {
    const found = commands.find((c) => c.id === id);
    if (!found) throw new Error(`no command ${id}`);
    return found;
  };
  const available = (id: string): boolean => {
    const c = command(id);
    return c.checkCallback ? c.checkCallback(true) === true : true;
  };
  return { h, commands, command, available, opened };
}

describe('indexing commands', () => {
  it('registers each command once, with stable ids, sentence-case names and no hotkeys', () => {
    const { commands } = setUp();
    expect(commands.map((c) => c.id)).toEqual([...INDEXING_COMMAND_IDS]);
    for (const c of commands) {
      expect(c.hotkeys).toBeUndefined();
      expect(c.id).not.toMatch(/ask-my-notes|command/);
      expect(c.name[0]).toBe(c.name[0]!.toUpperCase());
      expect(c.name.slice(1)).toBe(c.name.slice(1).toLowerCase());
    }
  });

  it('offers each command only when it can act', async () => {
    const { h, available, command, opened } = setUp();
    expect(available('reindex-changed-notes')).toBe(false);
    expect(available('rebuild-index')).toBe(false);
    expect(available('cancel-indexing')).toBe(false);
    expect(available('retry-model-download')).toBe(false);

    const embedder = new FakeEmbedder(16, 'Xenova/multilingual-e5-small');
    let held: (() => void) | null = null;
    embedder.gate = () => new Promise<void>((resolve) => (held = resolve));
    h.embedders.scripts.push({ kind: 'fail', reason: 'offline' });
    await h.layoutReady();
    await h.settled();
    expect(available('reindex-changed-notes')).toBe(true);
    expect(available('rebuild-index')).toBe(true);
    expect(available('cancel-indexing')).toBe(false);
    expect(available('retry-model-download')).toBe(true);

    h.embedders.scripts.push({ kind: 'ready', embedder });
    command('retry-model-download').checkCallback!(false);
    await vi.waitFor(() => expect(held).not.toBeNull());
    expect(available('retry-model-download')).toBe(false);
    await vi.waitFor(() => expect(available('cancel-indexing')).toBe(true));
    command('cancel-indexing').checkCallback!(false);
    embedder.gate = null;
    held!();
    await vi.waitFor(() => expect(h.engine.snapshot()).toMatchObject({ stopped: true, indexing: null }));
    expect(available('cancel-indexing')).toBe(false);

    command('reindex-changed-notes').checkCallback!(false);
    await h.settled();
    expect(await h.engine.status()).toMatchObject({ notesIndexed: 20, pending: 0 });

    command('show-index-status').callback!();
    command('choose-embedding-model').callback!();
    expect(opened).toEqual(['status', 'model']);
  });

  it('asks before rebuilding', async () => {
    const { h, command } = setUp(notes(3));
    await h.layoutReady();
    await h.settled();
    const rebuild = vi.spyOn(h.engine, 'rebuild');
    command('rebuild-index').checkCallback!(false);
    await vi.waitFor(() => expect(document.querySelector('.modal .mod-warning')).not.toBeNull());
    expect(document.querySelector('.modal-title')?.textContent).toBe('Rebuild the index?');
    expect(rebuild).not.toHaveBeenCalled();
    (document.querySelector('.modal .mod-warning') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(rebuild).toHaveBeenCalledTimes(1));
    expect(document.querySelector('.modal')).toBeNull();
  });
});
