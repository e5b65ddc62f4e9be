/** `demo` (what `npm start` runs): index, then a cited answer to the sample question, with and without a model. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../../src/cli/args';
import type { CliIo } from '../../src/cli/command';
import { DEMO_QUESTION, demoCommand } from '../../src/cli/commands/demo';
import { exampleVault } from '../helpers/example-engine';
import { sharedPath } from '../helpers/shared';

function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const io = { stdout: [] as string[], stderr: [] as string[], errIsTty: false, out: (t: string) => void io.stdout.push(t), err: (t: string) => void io.stderr.push(t) };
  return io;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'amn-demo-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('demo', () => {
  it('indexes the example vault with the fixture model and answers the sample question with citations', async () => {
    const io = captureIo();
    const args = ['--vault', exampleVault, '--index-dir', path.join(dir, 'glove'), '--models-dir', path.dirname(sharedPath('models', 'glove-pt-en-100d')), '--model', 'glove-pt-en-100d'];
    expect(await demoCommand.run(parseCommandArgs(demoCommand, args), io)).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toMatch(/Indexed 24 notes, \d+ chunks, \d+ vectors; model glove-pt-en-100d/);
    expect(out).toContain(`Question: ${DEMO_QUESTION}`);
    expect(out).toMatch(/Answer \(quoted from your notes, no LLM\):\nAprendizado por transferência é a técnica .* \[1\]\./);
    expect(out).toContain('[1] [[Transfer Learning (aprendizado por transferência)]]  line 11');
    expect(io.stderr.join('\n')).toMatch(/Indexing .* 24 \/ 24 notes/);
  });

  it('without a model it says so, and answers from keywords', async () => {
    const io = captureIo();
    const args = ['--vault', exampleVault, '--index-dir', path.join(dir, 'keywords'), '--model', 'not-downloadable-here', '--no-download'];
    expect(await demoCommand.run(parseCommandArgs(demoCommand, args), io)).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toMatch(/no embedding model .*: keyword search/);
    expect(out).toMatch(/Aprendizado por transferência é a técnica .* \[1\]\./);
    expect(out).toContain('Sources (quoted from your notes; lexical search):');
    expect(io.stderr.join('\n')).toMatch(/warning: .*not-downloadable-here.*keywords only/s);
    expect(io.stderr.join('\n')).toContain('answered with keyword search only');
  });
});
