import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, sharedPath } from '../helpers/shared';

interface Question {
  id: string;
  vault: 'example' | 'help-pt-br';
  lang: 'pt' | 'en';
  question: string;
  expected: string[];
  kind: 'definition' | 'how-to' | 'fact' | 'comparison';
}

const questions = JSON.parse(readFileSync(path.join(repoRoot, 'tests/eval/questions.json'), 'utf8')) as Question[];
const vaults = {
  example: path.join(repoRoot, 'examples/vault'),
  'help-pt-br': sharedPath('vaults', 'obsidian-help-pt-br'),
};

describe('the labelled retrieval question set', () => {
  it('has enough questions in both languages over both vaults', () => {
    expect(questions.length).toBeGreaterThanOrEqual(30);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    for (const lang of ['pt', 'en'] as const) expect(questions.filter((q) => q.lang === lang).length).toBeGreaterThanOrEqual(5);
    for (const vault of ['example', 'help-pt-br'] as const) expect(questions.filter((q) => q.vault === vault).length).toBeGreaterThanOrEqual(10);
  });

  it('points every expected answer at a note that exists, so renames cannot silently break the eval', () => {
    const missing = questions.flatMap((q) => q.expected.filter((p) => !existsSync(path.join(vaults[q.vault], p))).map((p) => `${q.id}: ${p}`));
    expect(missing).toEqual([]);
  });
});
