import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ReasoningFilter, stripReasoning } from '../../../src/core/answer/think-filter';

describe('reasoning blocks', () => {
  it('removes complete <think> blocks and cuts at an unfinished one', () => {
    expect(stripReasoning('<think>hmm [9]</think>\nRAG busca trechos [1].')).toBe('\nRAG busca trechos [1].');
    expect(stripReasoning('Resposta [1]. <think>ainda pensando')).toBe('Resposta [1]. ');
    expect(stripReasoning('a < b e <thin>')).toBe('a < b e <thin>');
  });

  it('streams only the answer, however the tokens split the tags (property)', () => {
    const answer = 'Transfer learning reaproveita um modelo [1]. Isso poupa tempo < muito [2].';
    const full = `<think>Vou citar [9] e depois </thin> rever.</think>\n\n${answer}`;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: full.length - 1 }), { maxLength: 30 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const tokens = [0, ...points].map((from, i) => full.slice(from, points[i] ?? full.length));
        const filter = new ReasoningFilter();
        const shown = tokens.map((t) => filter.push(t)).join('');
        expect(shown).toBe(answer);
        expect(filter.text()).toBe(answer);
      }),
    );
  });
});
