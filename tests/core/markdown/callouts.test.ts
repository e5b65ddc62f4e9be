import { describe, expect, it } from 'vitest';
import { parseCalloutHead, parseNote } from '../../../src/core/markdown';

describe('callouts', () => {
  it('lower-cases the type, keeps the title as written, reads the fold', () => {
    const [c] = parseNote('> [!INFO]- Definição\n> Corpo do texto.\n').callouts;
    expect(c).toMatchObject({ type: 'info', title: 'Definição', fold: '-', depth: 0, bodyText: 'Corpo do texto.' });
    expect(c?.parent).toBeUndefined();
  });

  it('matches the type case-insensitively and gives an empty title when none is written', () => {
    const doc = parseNote('> [!Note]\n> a\n\n> [!NOTE]+\n> b\n');
    expect(doc.callouts.map((c) => [c.type, c.title, c.fold])).toEqual([
      ['note', '', ''],
      ['note', '', '+'],
    ]);
  });

  it('records position and body range', () => {
    const text = 'intro\n\n> [!tip] Title\n> line one\n> line two\n\nafter\n';
    const [c] = parseNote(text).callouts;
    expect(c?.position.start).toEqual({ line: 2, col: 0, offset: 7 });
    expect(c?.position.end).toEqual({ line: 4, col: 10, offset: text.indexOf('\n\nafter') });
    expect(c?.body?.start).toEqual({ line: 3, col: 2, offset: text.indexOf('line one') });
    expect(c?.body?.end).toEqual(c?.position.end);
    expect(c?.bodyText).toBe('line one\nline two');
  });

  it('has a null body for a title-only callout', () => {
    const [c] = parseNote('> [!tip] Title-only callout\n\nNext paragraph.\n').callouts;
    expect(c?.body).toBeNull();
    expect(c?.bodyText).toBe('');
  });

  it('nests callouts with depth and parent index; the outer body keeps the inner lines', () => {
    const text = '> [!question] Can callouts be nested?\n> > [!todo] Yes!, they can.\n> > > [!example] Even more layers.\n> > > deep\n';
    const doc = parseNote(text);
    expect(doc.callouts.map((c) => [c.type, c.title, c.depth, c.parent])).toEqual([
      ['question', 'Can callouts be nested?', 0, undefined],
      ['todo', 'Yes!, they can.', 1, 0],
      ['example', 'Even more layers.', 2, 1],
    ]);
    expect(doc.callouts[0]?.bodyText).toBe('> [!todo] Yes!, they can.\n> > [!example] Even more layers.\n> > deep');
    expect(doc.callouts[2]?.bodyText).toBe('deep');
    expect(doc.sections.map((s) => s.type)).toEqual(['callout']);
  });

  it('reads the oracle-style nested callouts indented by one space', () => {
    const doc = parseNote(' > [!Calendar]+ MONTH\n >> [!Check]+ GROUP\n >>> [!Attention]+ Correction TITLE\n >>> Some stuff\n');
    expect(doc.callouts.map((c) => [c.type, c.title, c.fold, c.depth])).toEqual([
      ['calendar', 'MONTH', '+', 0],
      ['check', 'GROUP', '+', 1],
      ['attention', 'Correction TITLE', '+', 2],
    ]);
  });

  it('finds callouts inside list items', () => {
    const doc = parseNote('- item\n  > [!note] In a list\n  > body\n');
    expect(doc.callouts.map((c) => [c.type, c.title, c.depth, c.bodyText])).toEqual([['note', 'In a list', 0, 'body']]);
    expect(doc.callouts[0]?.position.start).toEqual({ line: 1, col: 2, offset: 9 });
  });

  it('takes lazy continuation lines into the body', () => {
    const [c] = parseNote('> [!note] T\n> first\nlazy second\n').callouts;
    expect(c?.bodyText).toBe('first\nlazy second');
    expect(c?.position.end.line).toBe(2);
  });

  it('is not a callout when the marker is not on the first line or is malformed', () => {
    expect(parseNote('> quote\n> [!note] late\n').callouts).toEqual([]);
    expect(parseNote('> [!] empty\n').callouts).toEqual([]);
    expect(parseNote('[!note] no quote\n').callouts).toEqual([]);
    expect(parseNote('> plain quote\n').sections.map((s) => s.type)).toEqual(['blockquote']);
  });

  it('parses a callout head on its own', () => {
    expect(parseCalloutHead('[!my-Type]+   Spaced title  ')).toEqual({ type: 'my-type', fold: '+', title: 'Spaced title' });
    expect(parseCalloutHead('[!note]x')).toBeNull();
  });
});
