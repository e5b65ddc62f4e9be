/**
 * Fault: the model mirror misbehaves on first use: every model file answers 500, or is cut
 * off halfway (full Content-Length, half the body, connection closed), or never answers. The
 * user gets one clear notice naming the model and the cause, with a retry button; the status
 * bar says "Keyword search only"; the related view and the ask panel work on keywords. Once
 * the server is fine again, "Retry model download" downloads the model and indexes for meaning.
 * The hanging server is waited out on Playwright's fake clock (each request gives up after
 * 60 s and is tried four times); the other two run in real time (retries back off 0.5–2 s).
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { Host } from '../harness';
import type { FaultKind } from '../server';
import { MODEL, PLUGIN, RAG, dismissNotices, expectNothingEscaped, startPluginHost, statusText, statusWindow, waitForStatus } from '../scenarios/support/plugin-host';

const cases: { kind: FaultKind; cause: RegExp }[] = [
  { kind: '500', cause: /answered HTTP 500/ },
  { kind: 'truncate', cause: /failed after 4 attempts/ },
  { kind: 'hang', cause: /timed out after 60 s/ },
];

describe('the model server fails on first use', () => {
  let host: Host | undefined;
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });

  for (const { kind, cause } of cases) {
    test(`${kind}: a clear notice, keyword search meanwhile, and a retry that works once the server is fine`, async () => {
      host = await startPluginHost({ openOnStart: RAG, fakeClock: kind === 'hang', server: { faults: [{ match: `/${MODEL}/resolve/`, kind }] } });
      const h = host;
      if (kind === 'hang') {
        // Four attempts of 60 s each, with back-off between them: jump the page's clock until the plugin gives up.
        for (let i = 0; i < 12 && (await statusText(h)) !== 'Keyword search only'; i++) {
          await h.page.clock.fastForward('01:05');
          await h.page.waitForTimeout(300);
        }
      }
      await waitForStatus(h, 'Keyword search only', 60_000);
      const notices = (await h.timeline()).filter((t) => t.kind === 'notice').map((t) => t.text);
      const failures = notices.filter((n) => n.includes(MODEL));
      console.log(`${kind}: ${failures.join(' | ')}`);
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatch(cause);
      expect(failures[0]).toMatch(new RegExp(`^Ask My Notes: Downloading model file ${MODEL}/`));
      expect(failures[0]).not.toContain('..');
      expect(failures[0]).not.toMatch(/: Model file /); // the file is named once, not again in the cause
      expect(failures[0]).toContain('Search uses keywords only until the model is available.');
      expect(failures[0]).toMatch(/Retry model download$/); // the notice's button
      expect(await h.page.locator('.notice button', { hasText: 'Retry model download' }).count()).toBe(1);
      await dismissNotices(h);

      // The related view works on keywords and says so.
      expect(await h.runCommand(`${PLUGIN}:open-related-notes`)).toBe(true);
      const related = h.page.locator('.workspace-leaf-content[data-type="ask-my-notes-related"]');
      await related.locator('.amn-related-row').first().waitFor();
      const titles = await related.locator('.amn-related-title').allTextContents();
      expect(titles.length).toBeGreaterThan(0);
      expect((await related.locator('.amn-related-notice').textContent())?.toLowerCase()).toContain('keyword');
      // The ask panel answers from keyword search, with citations.
      expect(await h.runCommand(`${PLUGIN}:open-ask-panel`)).toBe(true);
      const ask = h.page.locator('.workspace-leaf-content[data-type="ask-my-notes-ask"]');
      expect(await ask.locator('.amn-ask-status').textContent()).toMatch(/^Keyword search only: /);
      await ask.locator('.amn-ask-input').fill('O que é aprendizado por transferência?');
      await ask.locator('.amn-ask-input').press('Enter');
      await ask.locator('.amn-ask-mode').waitFor({ timeout: 30_000 });
      expect(await ask.locator('.amn-ask-answer .amn-ask-citation').count()).toBeGreaterThan(0);
      const { facts } = await statusWindow(h);
      console.log(`${kind}: keyword fallback: ${titles.length} related notes, ${await ask.locator('.amn-ask-answer .amn-ask-citation').count()} citations in the answer`);
      expect(facts['Vectors']).toBe('0');
      expect(facts['Search']).toContain('keyword');

      // The server recovers; the user retries from the palette.
      h.server.clearFaults();
      const retried = Date.now();
      expect(await h.runCommand(`${PLUGIN}:retry-model-download`)).toBe(true);
      await waitForStatus(h, 'Notes indexed', 60_000);
      console.log(`${kind}: retry to "Notes indexed" in ${Date.now() - retried} ms`);
      expect(await h.runCommand(`${PLUGIN}:retry-model-download`)).toBe(false);
      const after = await statusWindow(h);
      expect(Number(after.facts['Vectors'])).toBeGreaterThan(0);
      expect(after.facts['Vectors']).toBe(after.facts['Passages']);
      console.log(`${kind}: after the retry: ${after.facts['Notes indexed']} notes, ${after.facts['Vectors']} vectors`);
      await expectNothingEscaped(h);
    });
  }
});
