import { describe, expect, it } from 'vitest';
import { parseContentRange } from '../../../src/core/embedding/download';
import { expectedFromHeaders, fileUrl, normalizeHost, parseTreeEntries, treeUrl } from '../../../src/core/embedding/hub';

const SHA256 = 'a'.repeat(64);
const SHA1 = 'b'.repeat(40);

describe('hub URLs', () => {
  it('defaults to huggingface.co and accepts a mirror with or without a trailing slash', () => {
    expect(fileUrl('', 'Xenova/multilingual-e5-small', 'onnx/model_quantized.onnx')).toBe(
      'https://huggingface.co/Xenova/multilingual-e5-small/resolve/main/onnx/model_quantized.onnx',
    );
    expect(fileUrl('https://hf-mirror.example/', 'a/b', 'config.json')).toBe('https://hf-mirror.example/a/b/resolve/main/config.json');
    expect(treeUrl('http://127.0.0.1:8080', 'a/b', 'onnx')).toBe('http://127.0.0.1:8080/api/models/a/b/tree/main/onnx');
    expect(() => normalizeHost('ftp://x')).toThrow(/not an http\(s\) URL/);
  });
});

describe('hub metadata', () => {
  it('reads sizes and digests from the tree API', () => {
    const files = parseTreeEntries([
      { type: 'file', path: 'config.json', size: 500, oid: SHA1 },
      { type: 'file', path: 'onnx/model_quantized.onnx', size: 134, oid: SHA1, lfs: { oid: SHA256, size: 118_000_000, pointerSize: 134 } },
      { type: 'directory', path: 'onnx', size: 0, oid: SHA1 },
    ]);
    expect(files.get('config.json')).toEqual({ size: 500, gitSha1: SHA1 });
    expect(files.get('onnx/model_quantized.onnx')).toEqual({ size: 118_000_000, sha256: SHA256 });
    expect(files.has('onnx')).toBe(false);
    expect(parseTreeEntries({ error: 'nope' }).size).toBe(0);
  });

  it('trusts X-Linked-Etag, and a plain ETag only from a Hub-like server', () => {
    expect(expectedFromHeaders({ 'x-linked-etag': `"${SHA256}"`, 'x-linked-size': '42' })).toEqual({ sha256: SHA256, size: 42 });
    expect(expectedFromHeaders({ etag: `"${SHA1}"`, 'x-repo-commit': 'c' })).toEqual({ gitSha1: SHA1 });
    expect(expectedFromHeaders({ etag: `"${SHA1}"` })).toEqual({});
    expect(expectedFromHeaders({ etag: `W/"${SHA256}"`, 'x-repo-commit': 'c' })).toEqual({});
  });

  it('parses Content-Range', () => {
    expect(parseContentRange('bytes 0-99/1000')).toEqual({ start: 0, end: 99, total: 1000 });
    expect(parseContentRange('bytes 5-9/*')).toEqual({ start: 5, end: 9 });
    expect(parseContentRange('bytes */1000')).toMatchObject({ total: 1000 });
    expect(parseContentRange('bytes 9-5/10')).toBeUndefined();
    expect(parseContentRange(undefined)).toBeUndefined();
  });
});
