import { describe, expect, it } from 'vitest';
import { parseNote } from '../../../src/core/markdown';
import type { NoteDoc } from '../../../src/core/markdown';

/**
 * Hostile and broken input: every case must return a document (never throw, never report
 * an internal error) and keep its positions inside the text. Sizes are chosen so a
 * quadratic algorithm would take minutes; no timing is asserted, vitest's timeout is the
 * backstop.
 */
function parseSafely(text: string): NoteDoc {
  const doc = parseNote(text);
  expect(doc.warnings.filter((w) => w.code === 'internal')).toEqual([]);
  const outside = [...doc.links, ...doc.embeds, ...doc.tags, ...doc.highlights, ...doc.sections].filter(
    (item) => item.position.start.offset < 0 || item.position.end.offset > text.length || item.position.start.offset > item.position.end.offset,
  );
  expect(outside).toEqual([]);
  return doc;
}

describe('robustness', () => {
  it('unterminated syntax: ==, [[, ```, %%, $$, <!--', () => {
    expect(parseSafely('==open\n\n[[open\n\n%% open\n\n<!-- open\n\n$$ open\n\n```\nopen').links).toEqual([]);
    expect(parseSafely('text ==x').highlights).toEqual([]);
  });

  it('10,000 nested > markers', () => {
    const doc = parseSafely(`${'>'.repeat(10_000)} [!note] deep [[L]]\n${'> '.repeat(10_000)}x ==y==\n`);
    expect(doc.links.map((l) => l.link)).toEqual(['L']);
    expect(doc.highlights.map((h) => h.text)).toEqual(['y']);
  });

  it('nested callouts at every depth up to the nesting cap', () => {
    const lines = Array.from({ length: 80 }, (_, d) => `${'> '.repeat(d + 1)}[!note] level ${d}`);
    const doc = parseSafely(`${lines.join('\n')}\n`);
    expect(doc.callouts.length).toBeGreaterThan(30);
    doc.callouts.forEach((c, i) => expect(c.depth).toBe(i));
  });

  it('100k [[ without a close, and 100k lines with one each', () => {
    expect(parseSafely('[['.repeat(100_000)).links).toEqual([]);
    expect(parseSafely('[[a\n'.repeat(100_000)).links).toEqual([]);
  });

  it('a 1 MB line of =, of $, of backticks, of # and of *', () => {
    for (const ch of ['=', '$', '`', '#', '*', '[', ']', '<', '%', '|', '\\']) {
      expect(parseSafely(ch.repeat(1_000_000)).highlights).toEqual([]);
    }
  });

  it('many openers that never close: ==a, $a $1, [a](, <a x=", [](', () => {
    for (const unit of ['==a ', '$a $1', '[a](b "', '<a x="', '[](', '<!--', '<?', '`` `', '**a _b ']) {
      parseSafely(unit.repeat(200_000));
    }
  });

  it('100,000 fence lines and 50,000 table rows', () => {
    expect(parseSafely('```\n'.repeat(100_000)).sections.length).toBe(50_000);
    const table = parseSafely(`| a | b |\n|---|---|\n${'| [[x]] | ==y== |\n'.repeat(50_000)}`);
    expect(table.links).toHaveLength(50_000);
    expect(table.highlights).toHaveLength(50_000);
  });

  it('a 10 MB note', () => {
    const unit = '# Heading\n\nText with [[Link|alias]], #tag, ==highlight== and `code`.\n\n> [!info] Title\n> body [x](y.md)\n\n- [ ] task\n    - child\n\n';
    const text = unit.repeat(Math.ceil(10_000_000 / unit.length));
    const doc = parseSafely(text);
    const units = text.length / unit.length;
    expect(doc.links).toHaveLength(2 * units);
    expect(doc.callouts).toHaveLength(units);
    expect(doc.warnings).toEqual([]);
  });

  it('binary junk gets a binary warning and still parses', () => {
    const junk = Array.from({ length: 50_000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
    const doc = parseSafely(junk);
    expect(doc.warnings.map((w) => w.code)).toContain('binary');
    expect(parseSafely('PNG\0\0\0 [[x]]').warnings.map((w) => w.code)).toEqual(['binary']);
  });

  it('notes above maxBytes are cut to whole lines with a too-large warning', () => {
    const text = '[[a]]\n'.repeat(1000);
    const doc = parseSafely(text);
    expect(doc.warnings).toEqual([]);
    const cut = parseNote(text, { maxBytes: 100 });
    expect(cut.warnings.map((w) => w.code)).toEqual(['too-large']);
    expect(cut.links).toHaveLength(16);
    expect(cut.links.every((l) => l.original === '[[a]]')).toBe(true);
    expect(parseNote('é'.repeat(100), { maxBytes: 101 }).warnings.map((w) => w.code)).toEqual(['too-large']);
    expect(parseNote('é'.repeat(50), { maxBytes: 100 }).warnings).toEqual([]);
  });

  it('non-string input is an empty note', () => {
    expect(parseNote(undefined as unknown as string).sections).toEqual([]);
    expect(parseNote(null as unknown as string).links).toEqual([]);
  });

  it('empty and whitespace-only notes', () => {
    for (const text of ['', '\n', '\r\n', '   ', '\t\n\t', '\ufeff']) {
      const doc = parseSafely(text);
      expect(doc.sections).toEqual([]);
    }
  });
});
