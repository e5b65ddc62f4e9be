// @vitest-environment happy-dom
import type { App as ObsidianApp } from 'obsidian';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IndexStatusModal } from '../../src/ui/index-status-modal';
import { ModelModal } from '../../src/ui/model-modal';
import { EngineHarness, notes } from '../obsidian/engine-harness';

const harnesses: EngineHarness[] = [];
afterEach(async () => {
  document.body.empty();
  for (const h of harnesses.splice(0)) await h.unload();
});

async function started(files: Record<string, string>): Promise<EngineHarness> {
  const h = new EngineHarness({ files });
  harnesses.push(h);
  await h.layoutReady();
  await h.settled();
  return h;
}

const buttons = (root: ParentNode) => [...root.querySelectorAll('button')].map((b) => b.textContent);

describe('index status window', () => {
  it('shows counts, the model, skipped notes with reasons, what leaves the device, and the actions', async () => {
    const big = 'word '.repeat(250_000);
    const h = await started({ ...notes(4), 'huge.md': big });
    const modal = new IndexStatusModal(h.app as unknown as ObsidianApp, h.engine, () => h.settingsValue);
    modal.open();
    await vi.waitFor(() => expect(modal.contentEl.textContent).toContain('Notes indexed'));
    const text = modal.contentEl.textContent;
    expect(text).toContain('Notes indexed4');
    expect(text).toMatch(/Model\s*Xenova\/multilingual-e5-small, unknown, 16 dimensions/);
    expect(text).toContain('Skipped (1)');
    expect(text).toContain('huge.md');
    expect(text).toContain('Nothing leaves this device.');
    expect(buttons(modal.contentEl)).toEqual(['Re-index changed notes', 'Rebuild']);
    const rebuild = vi.spyOn(h.engine, 'reindexChanged');
    modal.contentEl.querySelector('button')!.click();
    expect(rebuild).toHaveBeenCalledTimes(1);
    modal.close();
    expect(modal.contentEl.childElementCount).toBe(0);
  });

  it('offers to retry the model when it is unavailable', async () => {
    const h = new EngineHarness({ files: notes(2) });
    harnesses.push(h);
    h.embedders.scripts.push({ kind: 'fail', reason: 'The mirror answered 404.' });
    await h.layoutReady();
    await h.settled();
    const modal = new IndexStatusModal(h.app as unknown as ObsidianApp, h.engine, () => h.settingsValue);
    modal.open();
    await vi.waitFor(() => expect(buttons(modal.contentEl)).toContain('Retry model'));
    expect(modal.contentEl.textContent).toContain('The mirror answered 404.');
    modal.close();
  });
});

describe('model chooser', () => {
  it('lists the known models, marks the one in use, and switches only after confirmation', async () => {
    const h = await started(notes(3));
    const access = { settings: () => h.settingsValue, updateSettings: (patch: object) => h.update(patch) };
    const modal = new ModelModal(h.app as unknown as ObsidianApp, access, h.engine);
    modal.open();
    const rows = [...modal.contentEl.querySelectorAll('.setting-item')];
    expect(rows[0]!.textContent).toContain('Multilingual E5 small');
    expect(rows[0]!.textContent).toContain('384 dimensions · about 100 languages · about 135 MB');
    await vi.waitFor(() => expect(rows[0]!.textContent).toContain('downloaded'));
    expect(buttons(rows[0]!)).toEqual(['In use']);
    const switching = vi.spyOn(h.engine, 'switchModel');

    const chosen = modal.choose('Xenova/all-MiniLM-L6-v2');
    await vi.waitFor(() => expect(document.querySelector('.modal-container:last-child .modal-title')?.textContent).toBe('Switch the embedding model?'));
    const confirmBox = document.querySelector('.modal-container:last-child')!;
    expect(confirmBox.textContent).toContain('3 notes are embedded again');
    expect(confirmBox.textContent).toContain('about 23 MB from huggingface.co');
    [...confirmBox.querySelectorAll('button')].find((b) => b.textContent === 'Switch and rebuild')!.click();
    expect(await chosen).toBe(true);
    expect(h.settingsValue.modelId).toBe('Xenova/all-MiniLM-L6-v2');
    expect(switching).toHaveBeenCalledTimes(1);
    await h.settled();
    expect(await h.engine.status()).toMatchObject({ modelId: 'Xenova/all-MiniLM-L6-v2', notesIndexed: 3 });

    const cancelled = modal.choose('Xenova/bge-small-en-v1.5');
    await vi.waitFor(() => expect(document.querySelector('.modal-container:last-child .modal-title')?.textContent).toBe('Switch the embedding model?'));
    [...document.querySelector('.modal-container:last-child')!.querySelectorAll('button')].find((b) => b.textContent === 'Cancel')!.click();
    expect(await cancelled).toBe(false);
    expect(h.settingsValue.modelId).toBe('Xenova/all-MiniLM-L6-v2');
    modal.close();
  });
});
