// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true}}}
/**
 * The Ask panel against the Obsidian stub (happy-dom, the stub's MarkdownRenderer: markdown-it and
 * an allowlist sanitiser) and a real engine over the example vault; generative answers stream from
 * the real loopback OpenAI server. (The app's LLM requests are not subject to CORS, hence the
 * same-origin policy is off in this DOM's fetch.)
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { OpenAiChatGenerator } from '../../../src/core/answer/llm-client';
import type { StaticNotesEngine } from '../../../src/core/engine';
import type { EngineSnapshot } from '../../../src/core/engine';
import type { Generator } from '../../../src/core/ports';
import { FetchHttpClient } from '../../../src/embedding/fetch-http-client';
import { ASK_COMMANDS, ASK_VIEW_TYPE, AskView, openAskView, registerAskFeature } from '../../../src/ui/ask';
import { Notice } from '../../stubs/obsidian';
import { openMemoryEngine } from '../../core/retrieval/memory-engine';
import { nodeTimers } from '../../core/answer/node-timers';
import { openExampleEngine } from '../../helpers/example-engine';
import { FakeOpenAiServer } from '../../helpers/openai-server';
import { testSetup, type TestSetup } from './ask-test-app';

const TL = 'Transfer Learning (aprendizado por transferência).md';
const QUESTION = 'O que é aprendizado por transferência?';

let example: StaticNotesEngine;
beforeAll(async () => {
  example = await openExampleEngine();
});

let servers: FakeOpenAiServer[] = [];
afterEach(async () => {
  document.body.empty();
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

/** The engine with an LLM configured, as the plugin engine reports one. */
function withGenerator(engine: StaticNotesEngine, generator: Generator | null): StaticNotesEngine {
  return Object.assign(Object.create(engine) as StaticNotesEngine, { generator: () => generator });
}

async function llm(): Promise<{ server: FakeOpenAiServer; generator: OpenAiChatGenerator }> {
  const server = await FakeOpenAiServer.start();
  servers.push(server);
  return { server, generator: new OpenAiChatGenerator(new FetchHttpClient(), { baseUrl: server.baseUrl, model: 'llama3.2', timeoutMs: 5000, stream: true }, nodeTimers) };
}

async function openPanel(engine = example): Promise<{ setup: TestSetup; view: AskView }> {
  const setup = testSetup(engine);
  registerAskFeature(setup.ctx);
  const view = await openAskView(setup.ctx);
  if (!view) throw new Error('the panel did not open');
  return { setup, view };
}

const $ = <T extends Element = HTMLElement>(view: AskView, selector: string): T | null => view.containerEl.querySelector<T>(selector);
const $$ = (view: AskView, selector: string): HTMLElement[] => Array.from(view.containerEl.querySelectorAll<HTMLElement>(selector));

function type(view: AskView, text: string, key: { shiftKey?: boolean } = {}): KeyboardEvent {
  const input = $<HTMLTextAreaElement>(view, '.amn-ask-input')!;
  input.value = text;
  const event = new KeyboardEvent('keydown', { key: 'Enter', shiftKey: key.shiftKey ?? false, bubbles: true, cancelable: true });
  input.dispatchEvent(event);
  return event;
}

/** Waits until the shown answer is complete and on screen. */
async function answered(view: AskView): Promise<void> {
  await vi.waitFor(() => {
    expect($(view, '.amn-ask-mode')).not.toBeNull();
    expect($(view, '.amn-ask-progress')).toBeNull();
  });
}

describe('the Ask panel: registration', () => {
  it('registers its view, a ribbon icon, a hover source and two commands with stable ids and no hotkeys', async () => {
    const { setup } = await openPanel();
    expect([...setup.plugin.views.keys()]).toEqual([ASK_VIEW_TYPE]);
    expect(setup.plugin.ribbon.map((r) => r.title)).toEqual(['Ask my notes']);
    expect(setup.plugin.hoverSources.get(ASK_VIEW_TYPE)).toEqual({ display: 'Ask my notes', defaultMod: true });
    expect(setup.plugin.commands.map((c) => c.id)).toEqual([ASK_COMMANDS.open, ASK_COMMANDS.askSelection]);
    expect(setup.plugin.commands.map((c) => c.id)).toEqual(['open-ask-panel', 'ask-about-selection']);
    for (const command of setup.plugin.commands) expect(command.hotkeys).toBeUndefined();
  });

  it('opens one panel in the right sidebar, however often it is asked for', async () => {
    const { setup, view } = await openPanel();
    expect(await openAskView(setup.ctx)).toBe(view);
    expect(setup.workspace.rightLeaves).toHaveLength(1);
  });

  it('"Ask about the selection" is only available with a selection, and fills the question box with it', async () => {
    const { setup, view } = await openPanel();
    const note = await setup.workspace.openNote('Nota.md', 'Linha um\nO que é RAG?\n');
    const command = setup.plugin.commands.find((c) => c.id === ASK_COMMANDS.askSelection) as unknown as {
      editorCheckCallback: (checking: boolean, editor: unknown, ctx: unknown) => boolean;
    };
    expect(command.editorCheckCallback(true, note.editor, note)).toBe(false);
    note.editor.setSelection({ line: 1, ch: 0 }, { line: 1, ch: 12 });
    expect(command.editorCheckCallback(true, note.editor, note)).toBe(true);
    expect(command.editorCheckCallback(false, note.editor, note)).toBe(true);
    await vi.waitFor(() => expect($<HTMLTextAreaElement>(view, '.amn-ask-input')!.value).toBe('O que é RAG?'));
    expect($(view, '.amn-ask-answer')).toBeNull();
  });
});

describe('the Ask panel: asking', () => {
  it('asks on Enter, not on Shift+Enter (which leaves a new line to the text box)', async () => {
    const { view } = await openPanel();
    const shifted = type(view, 'O que é', { shiftKey: true });
    expect(shifted.defaultPrevented).toBe(false);
    expect($(view, '.amn-ask-question')).toBeNull();
    const plain = type(view, QUESTION);
    expect(plain.defaultPrevented).toBe(true);
    await answered(view);
    expect($(view, '.amn-ask-question-text')?.textContent).toBe(QUESTION);
  });

  it('shows the extractive answer with citation links, then the sources with note, heading, score and snippet', async () => {
    const { view } = await openPanel();
    type(view, QUESTION);
    await answered(view);
    expect($(view, '.amn-ask-mode')?.textContent).toBe('Quoted from your notes.');
    const answer = $(view, '.amn-ask-answer')!;
    expect(answer.textContent).toMatch(/^Aprendizado por transferência é a técnica/);
    const citation = answer.querySelector<HTMLElement>('a.amn-ask-citation')!;
    expect(citation.textContent).toBe('[1]');
    expect(citation.dataset.href).toBe('Transfer Learning (aprendizado por transferência)');
    expect(citation.getAttribute('aria-label')).toMatch(/^Transfer Learning \(aprendizado por transferência\)\nDefinição Aprendizado por transferência é a técnica/);

    const sources = $$(view, '.amn-ask-source');
    expect(sources).toHaveLength(6);
    const first = sources[0]!;
    expect(first.querySelector('.amn-ask-source-number')?.textContent).toBe('[1]');
    expect(first.querySelector('.amn-ask-source-link')?.textContent).toBe('Transfer Learning (aprendizado por transferência)');
    expect(first.querySelector('.amn-ask-source-score')?.textContent).toMatch(/^\d+\.\d\d$/);
    expect(first.querySelector('.amn-ask-source-snippet')?.textContent).toMatch(/^Definição Aprendizado por transferência/);
    expect(first.querySelector('.amn-ask-source-path')?.textContent).toBe(`${TL}, line 11`);
    expect(first.classList.contains('amn-ask-source-cited')).toBe(true);
    expect(sources.some((s) => s.querySelector('.amn-ask-source-link')?.textContent === 'Transfer Learning (aprendizado por transferência) › Exemplos')).toBe(true);
  });

  it('opens the cited note at the cited line, and announces hovers to the page preview', async () => {
    const { setup, view } = await openPanel();
    type(view, QUESTION);
    await answered(view);
    const citation = $(view, 'a.amn-ask-citation')!;
    citation.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(setup.workspace.hovers).toEqual([expect.objectContaining({ source: ASK_VIEW_TYPE, linktext: 'Transfer Learning (aprendizado por transferência)' })]);
    citation.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    await vi.waitFor(() => expect(setup.workspace.mainLeaf.opened).toEqual([{ path: TL, eState: { line: 10 }, active: true }]));
    $$(view, '.amn-ask-source-link')[2]!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    await vi.waitFor(() => expect(setup.workspace.mainLeaf.opened).toHaveLength(2));
  });

  it('drops an unticked source and asks again without it; ticking it brings it back', async () => {
    const { view } = await openPanel();
    type(view, QUESTION);
    await answered(view);
    const before = $$(view, '.amn-ask-source-link').map((a) => a.textContent);
    const box = $$(view, '.amn-ask-source input[type="checkbox"]')[0] as HTMLInputElement;
    box.checked = false;
    box.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect($(view, '.amn-ask-source-dropped')).not.toBeNull());
    await answered(view);
    expect($(view, '.amn-ask-answer')?.textContent).not.toContain('Aprendizado por transferência é a técnica');
    const numbered = $$(view, '.amn-ask-source:not(.amn-ask-source-dropped) .amn-ask-source-path').map((e) => e.textContent);
    expect(numbered).not.toContain(`${TL}, line 11`);
    expect($(view, '.amn-ask-source-dropped .amn-ask-source-path')?.textContent).toBe(`${TL}, line 11`);

    const back = $(view, '.amn-ask-source-dropped input') as HTMLInputElement;
    back.checked = true;
    back.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect($(view, '.amn-ask-source-dropped')).toBeNull());
    await answered(view);
    expect($$(view, '.amn-ask-source-link').map((a) => a.textContent)).toEqual(before);
  });

  it('copies the answer as Markdown with its citations as wikilinks', async () => {
    const { view } = await openPanel();
    type(view, QUESTION);
    await answered(view);
    $(view, '.amn-ask-copy')!.click();
    await vi.waitFor(async () => expect(await navigator.clipboard.readText()).toContain('[^1]: [[Transfer Learning (aprendizado por transferência)]]'));
    expect(await navigator.clipboard.readText()).toMatch(/^Aprendizado por transferência é a técnica .*\[\^1\]\./);
  });

  it('inserts the answer at the cursor of the note in the editor, only when asked to', async () => {
    const { setup, view } = await openPanel();
    const note = await setup.workspace.openNote('Diário.md', 'Antes\n\nDepois');
    note.editor.setCursor(1, 0);
    type(view, QUESTION);
    await answered(view);
    expect(note.editor.getValue()).toBe('Antes\n\nDepois');
    $(view, '.amn-ask-insert')!.click();
    expect(note.editor.getValue()).toMatch(/^Antes\nAprendizado por transferência é a técnica[\s\S]*\n\[\^1\]: \[\[Transfer Learning \(aprendizado por transferência\)\]\]\n[\s\S]*\n\nDepois$/);
  });

  it('keeps this session\'s questions; clicking one shows its answer again', async () => {
    const { view } = await openPanel();
    type(view, QUESTION);
    await answered(view);
    type(view, 'Defina tokenização.');
    await vi.waitFor(() => expect($(view, '.amn-ask-question-text')?.textContent).toBe('Defina tokenização.'));
    await answered(view);
    const items = $$(view, '.amn-ask-history-item');
    expect(items.map((i) => i.textContent)).toEqual(['Defina tokenização.', QUESTION]);
    items[1]!.click();
    await vi.waitFor(() => expect($(view, '.amn-ask-question-text')?.textContent).toBe(QUESTION));
    expect($(view, '.amn-ask-answer')?.textContent).toMatch(/^Aprendizado por transferência/);
  });

  it('keeps to the folder of the open note when asked to, and says so', async () => {
    const { setup, view } = await openPanel();
    await setup.workspace.openNote('Modelos/BERT.md', '');
    const scope = $<HTMLSelectElement>(view, '.amn-ask-scope')!;
    scope.value = 'folder';
    type(view, 'Qual modelo gera texto?');
    await answered(view);
    expect($(view, '.amn-ask-scope-label')?.textContent).toBe('Folder Modelos');
    for (const path of $$(view, '.amn-ask-source-path').map((e) => e.textContent ?? '')) expect(path.startsWith('Modelos/')).toBe(true);
  });

  it('asks for an open note before a note scope can be used', async () => {
    const { view } = await openPanel();
    $<HTMLSelectElement>(view, '.amn-ask-scope')!.value = 'note';
    Notice.shown.length = 0;
    type(view, QUESTION);
    expect(Notice.shown).toEqual(['Open a note first: "Current note and its links" is about the note that is open.']);
    expect($(view, '.amn-ask-question')).toBeNull();
  });
});

describe('the Ask panel: states', () => {
  it('says when the notes do not hold the answer, without inventing one or offering to copy it', async () => {
    const { view } = await openPanel();
    type(view, 'Qual é a capital da Mongólia?');
    await answered(view);
    expect($(view, '.amn-ask-not-found')?.textContent).toBe('Suas notas não parecem conter a resposta para esta pergunta.');
    expect($(view, '.amn-ask-copy')).toBeNull();
  });

  it('shows the index loading, then indexing progress with keyword search, in the status line', async () => {
    let snapshot: EngineSnapshot = { revision: 0, model: { kind: 'loading', modelId: 'e5' }, indexing: null, indexReady: false };
    const listeners = new Set<(s: EngineSnapshot) => void>();
    const engine = Object.assign(Object.create(example) as StaticNotesEngine, {
      snapshot: () => snapshot,
      onChange: (l: (s: EngineSnapshot) => void) => (listeners.add(l), () => listeners.delete(l)),
    });
    const { view } = await openPanel(engine);
    expect($(view, '.amn-ask-status')?.textContent).toBe('Loading the index… Questions are answered once it is loaded.');
    snapshot = { ...snapshot, indexReady: true, indexing: { phase: 'indexing', notesDone: 3, notesTotal: 24, chunksEmbedded: 0, chunksPending: 10 } };
    for (const l of listeners) l(snapshot);
    expect($(view, '.amn-ask-status')?.textContent).toBe('Indexing 3 / 24 notes: notes not indexed yet cannot be cited. Answers use keyword search meanwhile.');
    snapshot = { ...snapshot, indexing: null, model: { kind: 'ready', modelId: 'e5', backend: 'wasm' } };
    for (const l of listeners) l(snapshot);
    expect($(view, '.amn-ask-status')?.hidden).toBe(true);
  });

  it('streams a generative answer into the panel, then checks its citations', async () => {
    const { server, generator } = await llm();
    server.reply({ type: 'stream', tokens: ['Reaproveita ', 'um modelo treinado [1]. ', 'Surgiu em Marte [7].'], delayMs: 150 });
    const { view } = await openPanel(withGenerator(example, generator));
    type(view, QUESTION);
    await vi.waitFor(() => expect($(view, '.amn-ask-progress')?.textContent).toBe('Asking llama3.2 (127.0.0.1:' + new URL(server.baseUrl).port + ')…'));
    // Part of the answer is on screen while the rest is still coming.
    await vi.waitFor(() => {
      const shown = $(view, '.amn-ask-answer')?.textContent ?? '';
      expect(shown).toContain('Reaproveita');
      expect(shown).not.toContain('Marte');
      expect($(view, '.amn-ask-cancel')?.hidden).toBe(false);
    });
    await answered(view);
    expect($(view, '.amn-ask-mode')?.textContent).toMatch(/^Written by llama3\.2 .* from your notes: check the citations\.$/);
    expect($(view, '.amn-ask-answer')?.textContent?.trim()).toBe('Reaproveita um modelo treinado [1]. Surgiu em Marte.');
    expect($(view, '.amn-ask-invalid')?.textContent).toBe('The answer cited [7], but only 6 sources were given: removed.');
    expect($(view, '.amn-ask-uncited')?.textContent).toBe('Surgiu em Marte.');
    expect($$(view, '.amn-ask-uncited-list li').map((li) => li.textContent)).toEqual(['Surgiu em Marte.']);
    expect($(view, '.amn-ask-cancel')?.hidden).toBe(true);
  });

  it('shows the quoted answer and the error when the LLM is unreachable', async () => {
    const { server, generator } = await llm();
    server.reply({ type: 'error', status: 503, body: { error: { message: 'model is loading' } } });
    const { view } = await openPanel(withGenerator(example, generator));
    type(view, QUESTION);
    await answered(view);
    expect($(view, '.amn-ask-error')?.textContent).toMatch(/^The LLM did not answer, so this answer quotes your notes instead\.The LLM server at .* failed \(HTTP 503\)\. The server said: model is loading$/);
    expect($(view, '.amn-ask-answer')?.textContent).toMatch(/^Aprendizado por transferência é a técnica/);
  });

  it('cancels while streaming: what came so far stays, marked cancelled, and the server sees the hang-up', async () => {
    const { server, generator } = await llm();
    server.reply({ type: 'stream', tokens: ['Reaproveita ', 'um modelo ', 'treinado'], hangAfter: 2 });
    const { view } = await openPanel(withGenerator(example, generator));
    type(view, QUESTION);
    await vi.waitFor(() => expect($(view, '.amn-ask-answer')?.textContent?.trim()).toBe('Reaproveita um modelo'));
    $(view, '.amn-ask-cancel')!.click();
    await vi.waitFor(() => expect($(view, '.amn-ask-notice')?.textContent).toBe('Cancelled.'));
    await server.waitForClientAbort();
    expect($(view, '.amn-ask-answer')?.textContent?.trim()).toBe('Reaproveita um modelo');
    expect($(view, '.amn-ask-submit')?.hidden).toBe(false);
  });
});

describe('the Ask panel: untrusted text', () => {
  it('renders a note\'s <script> and <img onerror> inert, in the answer and in the sources', async () => {
    const engine = await openMemoryEngine(
      {
        'Perigo.md': '# Perigo\n\nO jardim de inverno guarda <script>window.amnPwned = 1</script> plantas raras <img src="x" onerror="window.amnPwned = 2"> em vasos.\n',
        'Outra.md': '# Outra\n\nNada a ver com plantas.\n',
      },
      null,
    );
    const { view } = await openPanel(engine);
    type(view, 'O que o jardim de inverno guarda?');
    await answered(view);
    const answer = $(view, '.amn-ask-answer')!;
    expect(answer.textContent).toContain('O jardim de inverno guarda');
    expect(view.containerEl.querySelectorAll('script')).toHaveLength(0);
    expect(view.containerEl.querySelectorAll('[onerror], [onclick], [onload]')).toHaveLength(0);
    expect(answer.querySelector('img')?.getAttribute('src')).toBe('x');
    expect($(view, '.amn-ask-source-snippet')?.textContent).toContain('<script>window.amnPwned = 1</script>');
    expect((window as unknown as { amnPwned?: number }).amnPwned).toBeUndefined();
  });

  it('renders an LLM answer\'s HTML inert too', async () => {
    const { server, generator } = await llm();
    server.reply({ type: 'json', content: 'Veja [1]. <script>window.amnPwned = 3</script><img src="y" onerror="window.amnPwned = 4"><a href="javascript:alert(1)">aqui</a>' });
    const { view } = await openPanel(withGenerator(example, generator));
    type(view, QUESTION);
    await answered(view);
    const answer = $(view, '.amn-ask-answer')!;
    expect(answer.querySelectorAll('script, [onerror]')).toHaveLength(0);
    expect(answer.querySelector('a[href^="javascript"]')).toBeNull();
    expect((window as unknown as { amnPwned?: number }).amnPwned).toBeUndefined();
  });
});
