import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileGlob } from '../../../src/core/index/glob';
import { createExclusionFilter } from '../../../src/core/index/exclusions';

describe('compileGlob', () => {
  it('treats a folder prefix as the folder and everything under it', () => {
    const match = compileGlob('Templates/');
    expect(match('Templates/Daily.md')).toBe(true);
    expect(match('Templates/sub/x.md')).toBe(true);
    expect(match('Templates.md')).toBe(false);
    expect(match('My Templates/x.md')).toBe(false);
    expect(compileGlob('Templates')('Templates/x.md')).toBe(true);
    expect(compileGlob('Templates')('TemplatesOld/x.md')).toBe(false);
  });

  it('matches **/*.excalidraw.md at any depth, including the root', () => {
    const match = compileGlob('**/*.excalidraw.md');
    expect(match('Drawing.excalidraw.md')).toBe(true);
    expect(match('a/b/Drawing.excalidraw.md')).toBe(true);
    expect(match('a/b/Drawing.md')).toBe(false);
  });

  it('matches a slash-less glob against the file name at any depth', () => {
    const match = compileGlob('*.excalidraw.md');
    expect(match('x/y/z.excalidraw.md')).toBe(true);
    expect(match('z.md')).toBe(false);
  });

  it('keeps * within one folder level', () => {
    const match = compileGlob('Archive/*.md');
    expect(match('Archive/a.md')).toBe(true);
    expect(match('Archive/2020/a.md')).toBe(false);
    expect(compileGlob('Archive/**')('Archive/2020/a.md')).toBe(true);
  });

  it('supports ?, classes, negated classes and alternatives', () => {
    expect(compileGlob('Daily/202?-*.md')('Daily/2024-01-01.md')).toBe(true);
    expect(compileGlob('[A-C]*/**')('Books/x.md')).toBe(true);
    expect(compileGlob('[!A-C]*/**')('Books/x.md')).toBe(false);
    expect(compileGlob('{Templates,Archive}/**')('Archive/x.md')).toBe(true);
    expect(compileGlob('{Templates,Archive}/**')('Notes/x.md')).toBe(false);
  });

  it('treats regex characters in names literally', () => {
    expect(compileGlob('Notes (old)/')('Notes (old)/a.md')).toBe(true);
    expect(compileGlob('a+b/*.md')('a+b/c.md')).toBe(true);
    expect(compileGlob('a+b/*.md')('aab/c.md')).toBe(false);
    expect(compileGlob('x}y/*.md')('x}y/c.md')).toBe(true);
  });

  it('never throws, and a plain path (patterns are trimmed, so no edge spaces) matches itself', () => {
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^[a-zA-Z0-9_.-]{1,8}( [a-zA-Z0-9_.-]{1,4})?(\/[a-zA-Z0-9_.-]{1,8}( [a-zA-Z0-9_.-]{1,4})?){0,3}$/), (pattern, path) => {
        expect(() => compileGlob(pattern)(path)).not.toThrow();
        expect(compileGlob(path)(path)).toBe(true);
      }),
    );
  });
});

describe('createExclusionFilter', () => {
  it('combines patterns with the host hook', () => {
    const excluded = createExclusionFilter({ patterns: ['Templates/', ''], isExcluded: (p) => p.startsWith('.trash') });
    expect(excluded('Templates/a.md')).toBe(true);
    expect(excluded('.trash/a.md')).toBe(true);
    expect(excluded('Notes/a.md')).toBe(false);
  });
});
