/**
 * Scenario 3: "O que é aprendizado por transferência?" in the ask panel. Without a language
 * model the answer quotes the notes with citations, and clicking [1] opens the cited note at
 * the cited passage. With an OpenAI-compatible server configured in the settings tab (the
 * loopback fake server behind a CORS proxy, as Ollama answers CORS), the answer streams in:
 * the panel shows it growing, then checked, with citations that open their sources.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FakeOpenAiServer } from '../../helpers/openai-server';
import type { Host } from '../harness';
import { PLUGIN, activeFile, settingControl, dismissNotices, docScreenshot, exampleVault, expectNothingEscaped, startPluginHost, waitForActiveFile, waitForStatus } from './support/plugin-host';
import { startCorsProxy, type CorsProxy } from './support/cors-proxy';

const QUESTION = 'O que é aprendizado por transferência?';
const TRANSFER = 'Transfer Learning (aprendizado por transferência).md';
const VIEW = '.mod-right-split .workspace-leaf-content[data-type="ask-my-notes-ask"]';

/** Types the question and presses Enter, as a user does. */
async function ask(host: Host, question: string): Promise<void> {
  const input = host.page.locator(`${VIEW} .amn-ask-input`);
  await input.fill(question);
  await input.press('Enter');
}

/** What `[n]` in the shown answer cites: the source row's note path and 0-based line. */
async function source(host: Host, n: number): Promise<{ name: string; path: string; line: number }> {
  const row = host.page.locator(`${VIEW} .amn-ask-source`).filter({ has: host.page.locator('.amn-ask-source-number', { hasText: `[${n}]` }) });
  const name = (await row.locator('.amn-ask-source-link').textContent()) ?? '';
  const where = /^(.*), line (\d+)$/.exec((await row.locator('.amn-ask-source-path').textContent()) ?? '');
  if (!where) throw new Error(`source [${n}] shows no path and line`);
  return { name, path: where[1]!, line: Number(where[2]) - 1 };
}

/** The heading whose section holds `line` in the note's text ('' before any heading). */
function headingAt(notePath: string, line: number): string {
  const lines = fs.readFileSync(path.join(exampleVault, notePath), 'utf8').split('\n');
  for (let i = Math.min(line, lines.length - 1); i >= 0; i--) {
    const m = /^#{1,6}\s+(.+?)\s*$/.exec(lines[i]!);
    if (m) return m[1]!;
  }
  return '';
}

async function expectOpensAt(host: Host, n: number): Promise<void> {
  const cited = await source(host, n);
  await host.page.locator(`${VIEW} .amn-ask-answer .amn-ask-citation[data-n="${n}"]`).first().click();
  await waitForActiveFile(host, cited.path);
  const cursor = await host.page.evaluate(() => (window as any).app.workspace.getMostRecentLeaf().view.editor.getCursor().line as number);
  expect(cursor).toBe(cited.line);
  // The source is named "Note › Heading" (or just the note when the heading is its title): the cursor is in that section.
  const heading = cited.name.includes(' › ') ? cited.name.split(' › ').at(-1)! : cited.name;
  expect(headingAt(cited.path, cursor)).toBe(heading);
}

describe('asking the notes', () => {
  let host: Host;
  let llm: FakeOpenAiServer;
  let proxy: CorsProxy;

  beforeAll(async () => {
    llm = await FakeOpenAiServer.start();
    proxy = await startCorsProxy(llm.baseUrl.replace(/\/v1$/, ''));
    host = await startPluginHost({ openOnStart: 'Embeddings.md' });
    await waitForStatus(host, 'Notes indexed');
    await dismissNotices(host);
  });
  afterAll(async () => {
    await host?.close();
    await proxy?.close();
    await llm?.close();
  });

  test('without a language model: a cited extractive answer; [1] opens the cited note at the cited passage', async () => {
    expect(await host.runCommand(`${PLUGIN}:open-ask-panel`)).toBe(true);
    await host.page.locator(`${VIEW} .amn-ask-input`).waitFor();
    await ask(host, QUESTION);
    const answer = host.page.locator(`${VIEW} .amn-ask-answer`);
    await host.page.locator(`${VIEW} .amn-ask-mode`).waitFor({ timeout: 30_000 });
    expect(await host.page.locator(`${VIEW} .amn-ask-mode`).textContent()).toBe('Quoted from your notes.');
    const text = (await answer.textContent()) ?? '';
    console.log(`extractive answer: ${text}`);
    expect(text).toContain('reaproveita o que um modelo aprendeu numa tarefa');
    expect(await answer.locator('.amn-ask-citation').count()).toBeGreaterThan(0);
    expect((await source(host, 1)).path).toBe(TRANSFER);
    expect(await host.page.locator(`${VIEW} .amn-ask-warnings`).count()).toBe(0);

    await host.openNote(TRANSFER, { mode: 'preview' });
    for (const theme of ['light', 'dark'] as const) {
      await host.setTheme(theme);
      await docScreenshot(host, `ask-${theme}`, { clip: { x: 0, y: 0, width: 1280, height: 800 } });
    }
    await host.setTheme('light');
    await host.openNote('Embeddings.md');
    await expectOpensAt(host, 1);
    await expectNothingEscaped(host);
  });

  test('with an LLM set in the settings tab: the answer streams in, then shows valid citations', async () => {
    await host.page.evaluate((id) => (window as any).app.setting.openTabById(id), PLUGIN);
    await (await settingControl(host, 'Language model for answers', 'Server URL')).fill(`${proxy.url}/v1`);
    await (await settingControl(host, 'Language model for answers', 'Model name')).fill('fake-llm');
    await host.page.keyboard.press('Escape');

    const tokens = ['Aprendizado por transferência ', 'é reaproveitar ', 'um modelo já ', 'pré-treinado ', 'numa tarefa ', 'parecida, ', 'ensinando ', 'só o que falta ', '[1].'];
    llm.reply({ type: 'stream', tokens, delayMs: 150 });
    // Every distinct text the answer shows while the LLM is still writing.
    await host.page.evaluate((view) => {
      const w = window as any;
      w.__partials = [];
      const root = document.querySelector(view)!;
      new MutationObserver(() => {
        const answering = root.querySelector('.amn-ask-progress')?.textContent?.startsWith('Asking');
        const text = root.querySelector('.amn-ask-answer')?.textContent ?? '';
        if (answering && text && w.__partials.at(-1) !== text) w.__partials.push(text);
      }).observe(root, { subtree: true, childList: true, characterData: true });
    }, VIEW);
    await ask(host, QUESTION);
    const mode = host.page.locator(`${VIEW} .amn-ask-mode`);
    await host.page.waitForFunction((view) => document.querySelector(`${view} .amn-ask-mode`)?.textContent?.startsWith('Written by'), VIEW, { timeout: 30_000 });
    const partials = await host.page.evaluate(() => (window as any).__partials as string[]);
    console.log(`streamed states (${partials.length}): ${partials.map((p) => JSON.stringify(p)).join(' → ')}`);
    expect(partials.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < partials.length; i++) expect(partials[i]!.length).toBeGreaterThan(partials[i - 1]!.length);
    expect(partials[0]!.length).toBeLessThan(tokens.join('').length);

    expect(await mode.textContent()).toBe(`Written by fake-llm (${new URL(proxy.url).host}) from your notes: check the citations.`);
    const answer = host.page.locator(`${VIEW} .amn-ask-answer`);
    expect((await answer.textContent())?.replace(/\s+/g, ' ').trim()).toBe(tokens.join('').trim());
    expect(await answer.locator('.amn-ask-citation').count()).toBe(1);
    expect(await host.page.locator(`${VIEW} .amn-ask-warnings`).count()).toBe(0);
    expect((await source(host, 1)).path).toBe(TRANSFER);

    const request = llm.lastRequest.body;
    expect(request.stream).toBe(true);
    expect(request.model).toBe('fake-llm');
    const prompt = (request.messages ?? []).map((m) => m.content).join('\n');
    expect(prompt).toContain(QUESTION);
    expect(prompt).toContain('reaproveita o que um modelo aprendeu numa tarefa');

    await host.openNote('Embeddings.md');
    await expectOpensAt(host, 1);
    expect(await activeFile(host)).toBe(TRANSFER);
    await expectNothingEscaped(host);
  });
});
