import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatSseEvent, SseParser, type SseEvent } from '../../../src/core/answer/sse';

const encoder = new TextEncoder();

function parseAll(chunks: (Uint8Array | string)[]): SseEvent[] {
  const parser = new SseParser();
  const events = chunks.flatMap((c) => parser.push(c));
  return [...events, ...parser.end()];
}

/** Cuts bytes at the given positions (sorted, deduplicated, inside the array). */
function cut(bytes: Uint8Array, positions: number[]): Uint8Array[] {
  const points = [...new Set(positions.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let start = 0;
  for (const p of points) {
    out.push(bytes.slice(start, p));
    start = p;
  }
  out.push(bytes.slice(start));
  return out;
}

describe('SseParser', () => {
  it('reads OpenAI-style chunks and the [DONE] sentinel', () => {
    const body = 'data: {"choices":[{"delta":{"content":"Olá"}}]}\n\ndata: {"choices":[{"delta":{"content":" mundo"}}]}\n\ndata: [DONE]\n\n';
    expect(parseAll([body]).map((e) => e.data)).toEqual(['{"choices":[{"delta":{"content":"Olá"}}]}', '{"choices":[{"delta":{"content":" mundo"}}]}', '[DONE]']);
  });

  it('handles fields, comments, multi-line data, CR, CRLF and a leading BOM', () => {
    const body = '\uFEFF: keep-alive\r\nevent: delta\r\nid: 7\r\ndata: a\r\ndata: b\r\n\r\nretry: 300\rdata:c\r\rdata\n\n';
    expect(parseAll([body])).toEqual([
      { event: 'delta', id: '7', data: 'a\nb' },
      { event: 'message', id: '7', data: 'c', retry: 300 },
      { event: 'message', id: '7', data: '' },
    ]);
  });

  it('ignores blocks without data and dispatches a last event that lacks its blank line', () => {
    expect(parseAll(['event: ping\n\n', 'data: final'])).toEqual([{ event: 'message', id: '', data: 'final' }]);
  });

  it('keeps a CRLF split across chunks as one line break', () => {
    expect(parseAll(['data: x\r', '\n\r', '\ndata: y\n\n']).map((e) => e.data)).toEqual(['x', 'y']);
  });

  it('gives identical events however the byte stream is chunked (property)', () => {
    const textArb = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ':', 'é', 'ç', '日', '😀', '{', '"', '\\', 'data') , maxLength: 20 })
      .filter((s) => !s.includes('\n') && !s.includes('\r'));
    const eventArb = fc.record({
      data: fc.array(textArb, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n')),
      event: fc.option(fc.constantFrom('message', 'delta', 'done'), { nil: undefined }),
      id: fc.option(fc.constantFrom('1', '2', 'abc'), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(eventArb, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 40 }),
        (events, crlf, positions) => {
          let body = events.map(formatSseEvent).join('');
          if (crlf) body = body.replace(/\n/g, '\r\n');
          const bytes = encoder.encode(body);
          const whole = parseAll([bytes]);
          const pieces = parseAll(cut(bytes, positions));
          expect(pieces).toEqual(whole);
          // And the events are the ones that were written.
          let lastId = '';
          const expected = events.map((e) => {
            if (e.id !== undefined) lastId = e.id;
            return { event: e.event ?? 'message', data: e.data, id: lastId };
          });
          expect(whole).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
