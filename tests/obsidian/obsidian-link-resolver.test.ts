import { describe, expect, it } from 'vitest';
import { cachingResolver } from '../../src/obsidian/obsidian-link-resolver';

describe('cachingResolver', () => {
  it('asks once per link and source until the files change', () => {
    const asked: string[] = [];
    const resolver = cachingResolver((link, source) => {
      asked.push(`${source}>${link}`);
      return link === 'missing' ? null : `${link}.md`;
    });
    expect(resolver.resolve('A', 'x.md')).toBe('A.md');
    expect(resolver.resolve('A', 'x.md')).toBe('A.md');
    expect(resolver.resolve('missing', 'x.md')).toBeNull();
    expect(resolver.resolve('missing', 'x.md')).toBeNull();
    expect(resolver.resolve('A', 'folder/y.md')).toBe('A.md');
    expect(asked).toEqual(['x.md>A', 'x.md>missing', 'folder/y.md>A']);
    resolver.clear();
    resolver.resolve('A', 'x.md');
    expect(asked).toHaveLength(4);
  });
});
