// @vitest-environment happy-dom
import type { Plugin as ObsidianPlugin } from 'obsidian';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SettingsTabDeps } from '../../src/ui/settings/definitions';
import { AskMyNotesSettingTab } from '../../src/ui/settings-tab';
import type { AskMyNotesSettings } from '../../src/settings';
import { EngineHarness, notes } from '../obsidian/engine-harness';
import { Setting } from '../stubs/obsidian';

const harnesses: EngineHarness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.unload();
});

const HEADINGS = ['Model', 'Indexing', 'Related notes', 'Hover cards', 'Remote embeddings', 'Language model for answers', 'Privacy'];

function setUp() {
  const h = new EngineHarness({ files: notes(3) });
  harnesses.push(h);
  const listeners = new Set<(s: AskMyNotesSettings, p: AskMyNotesSettings) => void>();
  const opened: string[] = [];
  const deps: SettingsTabDeps = {
    app: h.app as never,
    settings: () => h.settingsValue,
    updateSettings: async (patch) => {
      const previous = h.settingsValue;
      await h.update(patch);
      for (const l of listeners) l(h.settingsValue, previous);
    },
    onSettingsChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    engine: h.engine,
    openModelChooser: () => opened.push('model'),
    openStatus: () => opened.push('status'),
  };
  const tab = new AskMyNotesSettingTab(h.plugin as unknown as ObsidianPlugin, deps);
  return { h, tab, deps, listeners, opened };
}

const text = (el: Element | null | undefined) => el?.textContent ?? '';
const headings = (root: HTMLElement) => [...root.querySelectorAll('.setting-item-heading .setting-item-name')].map((e) => e.textContent);
const row = (root: HTMLElement, name: string) =>
  [...root.querySelectorAll('.setting-item')].find((e) => text(e.querySelector('.setting-item-name')) === name) as HTMLElement | undefined;

describe('settings tab', () => {
  it('renders every section under a sentence-case heading without the word "settings"', () => {
    const { tab } = setUp();
    tab.display();
    expect(headings(tab.containerEl)).toEqual(HEADINGS);
    for (const heading of HEADINGS) expect(heading.toLowerCase()).not.toContain('settings');
    for (const name of ['Embedding model', 'Excluded folders and patterns', 'Passage size', 'Number of notes', 'Show notes already linked', 'Concept cards on link hover', 'Server URL', 'Embedding API key', 'API key', 'Test connection', 'What leaves this device']) {
      expect(row(tab.containerEl, name), name).toBeDefined();
    }
  });

  it('names the chosen model once, then its state', async () => {
    const { h, tab } = setUp();
    await h.layoutReady();
    await h.settled();
    const model = h.engine.snapshot().model;
    tab.display();
    const desc = text(row(tab.containerEl, 'Embedding model')?.querySelector('.setting-item-description'));
    expect(model).toMatchObject({ kind: 'ready', modelId: h.settingsValue.modelId });
    expect(desc).toMatch(/^Multilingual E5 small .*, about \d+ MB\. Ready \(\w+\)\.$/);
    expect(desc).not.toContain(h.settingsValue.modelId);
  });

  it('says exactly what leaves the device, and follows the settings', async () => {
    const { tab, deps } = setUp();
    tab.display();
    const privacy = () => text(row(tab.containerEl, 'What leaves this device')?.querySelector('.setting-item-description'));
    expect(privacy()).toBe('Nothing leaves this device.The model is downloaded once from huggingface.co; after that it runs on this device.');
    await deps.updateSettings({ llmUrl: 'https://api.openai.com/v1', llmModel: 'gpt-4o-mini' });
    expect(privacy()).toContain('Questions and note passages are sent to api.openai.com');
    expect(privacy()).not.toContain('Nothing leaves');
    await deps.updateSettings({ engine: 'remote', remoteEmbeddingUrl: 'https://embed.example.com/v1' });
    expect(privacy()).toContain('Note text and search queries are sent to embed.example.com for embeddings.');
  });

  it('says when a change needs the index rebuilt or re-indexed, and applies it', async () => {
    const { h, tab } = setUp();
    await h.layoutReady();
    await h.settled();
    tab.display();
    const pending = row(tab.containerEl, 'Changes to apply')!;
    expect(pending.hasClass('amn-hidden')).toBe(true);

    const area = row(tab.containerEl, 'Excluded folders and patterns')!.querySelector('textarea')!;
    area.value = 'Templates/\n\n  Daily/**  \n';
    area.dispatchEvent(new Event('input'));
    await vi.waitFor(() => expect(h.settingsValue.excludePatterns).toEqual(['Templates/', 'Daily/**']));
    await vi.waitFor(() => expect(pending.hasClass('amn-hidden')).toBe(false));
    expect(text(pending.querySelector('.setting-item-description'))).toContain('exclusions changed');

    (pending.querySelector('button') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(h.engine.pendingChanges()).toEqual([]));
    await h.settled();
    await vi.waitFor(() => expect(pending.hasClass('amn-hidden')).toBe(true));
    expect(h.engine.note('Templates/000.md')).toBeUndefined();
  });

  it('stops following the engine and settings when hidden', () => {
    const { tab, listeners } = setUp();
    tab.display();
    expect(listeners.size).toBeGreaterThan(0);
    tab.hide();
    expect(listeners.size).toBe(0);
  });

  it('declares the same rows for the Obsidian 1.13 settings search', () => {
    const { tab } = setUp();
    type Row = { name: string; render: (s: Setting) => void | (() => void) };
    type Group = { type: 'group'; heading: string; items: Row[] };
    const definitions = tab.getSettingDefinitions() as unknown as (Row | Group)[];
    const groups = definitions.filter((d): d is Group => 'type' in d && d.type === 'group');
    expect(groups.map((g) => g.heading)).toEqual(HEADINGS);
    tab.display();
    const displayed = [...tab.containerEl.querySelectorAll('.setting-item:not(.setting-item-heading) .setting-item-name')].map((e) => e.textContent);
    const declared = definitions.flatMap((d) => ('type' in d ? d.items.map((i) => i.name) : [d.name]));
    expect(declared).toEqual(displayed);
    // A declared row renders into the Setting that Obsidian hands it.
    const privacyRow = groups.at(-1)!.items[0]!;
    const setting = new Setting(createDiv());
    const cleanup = privacyRow.render(setting);
    expect(setting.nameEl.textContent).toBe('What leaves this device');
    expect(setting.descEl.textContent).toContain('Nothing leaves this device.');
    if (typeof cleanup === 'function') cleanup();
  });

  it('opens the model chooser and the index status from their rows', () => {
    const { tab, opened } = setUp();
    tab.display();
    (row(tab.containerEl, 'Embedding model')!.querySelector('button') as HTMLButtonElement).click();
    (row(tab.containerEl, 'Index status')!.querySelector('button') as HTMLButtonElement).click();
    expect(opened).toEqual(['model', 'status']);
  });
});
