import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_ID, KNOWN_MODELS, applyPrefix, embedderModelId, isHubModelId, resolveModelSpec } from '../../../src/core/embedding/models';
import { externalDataFiles, requiredModelFiles } from '../../../src/core/embedding/model-files';

describe('model registry', () => {
  it('describes the default model as multilingual-e5-small with e5 prefixes', () => {
    const spec = resolveModelSpec(DEFAULT_MODEL_ID);
    expect(spec).toMatchObject({ dims: 384, pooling: 'mean', normalize: true, maxTokens: 512, known: true });
    expect(applyPrefix(spec, 'query', 'bolo')).toBe('query: bolo');
    expect(applyPrefix(spec, 'passage', 'bolo')).toBe('passage: bolo');
  });

  it('knows an English-only model and BGE with CLS pooling and a query instruction', () => {
    expect(resolveModelSpec('Xenova/all-MiniLM-L6-v2')).toMatchObject({ languages: ['en'], pooling: 'mean', prefixes: { query: '', passage: '' } });
    const bge = resolveModelSpec('xenova/BGE-small-en-v1.5');
    expect(bge.pooling).toBe('cls');
    expect(bge.prefixes.query).toMatch(/^Represent this sentence/);
    expect(bge.prefixes.passage).toBe('');
  });

  it('every known model has an org/name id, dims, a licence and a size', () => {
    for (const m of KNOWN_MODELS) {
      expect(isHubModelId(m.id)).toBe(true);
      expect(m.dims).toBeGreaterThan(0);
      expect(m.licence).toBeTruthy();
      expect(m.approxDownloadMB).toBeGreaterThan(0);
    }
  });

  it('resolves any other id or folder with defaults, and overrides win', () => {
    const custom = resolveModelSpec('someone/custom-encoder');
    expect(custom).toMatchObject({ id: 'someone/custom-encoder', pooling: 'mean', known: false, prefixes: { query: '', passage: '' } });
    expect(custom.dims).toBeUndefined();
    const e5Like = resolveModelSpec('tiny-random-e5-like', { prefixes: { query: 'query: ', passage: 'passage: ' } });
    expect(e5Like.prefixes).toEqual({ query: 'query: ', passage: 'passage: ' });
    expect(() => resolveModelSpec('  ')).toThrow(/No embedding model id/);
  });

  it('does not let an override leak into the registry', () => {
    resolveModelSpec(DEFAULT_MODEL_ID, { prefixes: { query: 'x', passage: 'y' } });
    expect(resolveModelSpec(DEFAULT_MODEL_ID).prefixes.query).toBe('query: ');
  });

  it('gives a different stored model id when dtype, pooling or prefixes differ', () => {
    const base = resolveModelSpec(DEFAULT_MODEL_ID);
    expect(embedderModelId(base, 'q8')).toBe(DEFAULT_MODEL_ID);
    expect(embedderModelId(base, 'fp32')).toBe(`${DEFAULT_MODEL_ID}@fp32`);
    const prefixed = resolveModelSpec('tiny-random-e5-like', { prefixes: { query: 'query: ', passage: 'passage: ' } });
    expect(embedderModelId(prefixed, 'q8')).not.toBe(embedderModelId(resolveModelSpec('tiny-random-e5-like'), 'q8'));
  });

  it('tells Hub ids from folder names', () => {
    expect(isHubModelId('Xenova/multilingual-e5-small')).toBe(true);
    expect(isHubModelId('glove-en-100d')).toBe(false);
    expect(isHubModelId('a/../b')).toBe(false);
  });
});

describe('model file list', () => {
  it('names the config, tokenizer and ONNX files per dtype', () => {
    expect(requiredModelFiles('q8')).toEqual(['config.json', 'tokenizer_config.json', 'tokenizer.json', 'onnx/model_quantized.onnx']);
    expect(requiredModelFiles('fp32')).toContain('onnx/model.onnx');
  });

  it('adds external data chunks when config.json declares them', () => {
    expect(externalDataFiles({ 'transformers.js_config': { use_external_data_format: true } }, 'fp32')).toEqual(['onnx/model.onnx_data']);
    expect(externalDataFiles({ 'transformers.js_config': { use_external_data_format: 3 } }, 'q8')).toEqual([
      'onnx/model_quantized.onnx_data',
      'onnx/model_quantized.onnx_data_1',
      'onnx/model_quantized.onnx_data_2',
    ]);
    expect(externalDataFiles({ 'transformers.js_config': { use_external_data_format: { 'model.onnx': 1 } } }, 'fp32')).toEqual(['onnx/model.onnx_data']);
    expect(externalDataFiles({ 'transformers.js_config': { use_external_data_format: { 'model.onnx': 1 } } }, 'q8')).toEqual([]);
    expect(externalDataFiles(undefined, 'q8')).toEqual([]);
  });
});
