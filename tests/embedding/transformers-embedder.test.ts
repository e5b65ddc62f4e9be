// The local embedder with the real transformers.js (onnxruntime-node) and the fixture models
// from ../shared/models. Expected margins come from the table in ../shared/models/README.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveModelSpec, type ModelSpecOverrides } from '../../src/core/embedding/models';
import { directoryReader } from '../../src/embedding/node/directory-reader';
import { TransformersEmbedder } from '../../src/embedding/transformers-embedder';
import { cos, fixtureModelDir, norm } from './fixtures';

const E5_PREFIXES: ModelSpecOverrides = { prefixes: { query: 'query: ', passage: 'passage: ' } };
const loaded: TransformersEmbedder[] = [];
const tempDirs: string[] = [];

async function load(name: string, overrides: ModelSpecOverrides = {}, dtype: 'q8' | 'fp32' = 'q8'): Promise<TransformersEmbedder> {
  const embedder = await TransformersEmbedder.load({
    spec: resolveModelSpec(name, overrides),
    reader: directoryReader(fixtureModelDir(name)),
    dtype,
    runtime: { device: 'cpu', sessionOptions: { intraOpNumThreads: 2 } },
  });
  loaded.push(embedder);
  return embedder;
}

afterAll(async () => {
  for (const e of loaded) await e.dispose();
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
});

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

const EN_SETS = [
  ['The cat sat on the mat', 'A kitten rested on the rug', 'Stock markets fell sharply today'],
  ['How do I bake a chocolate cake?', 'Recipe for chocolate dessert', 'Install the software update'],
  ['How to link notes together', 'Creating links between documents', 'Monthly payment and billing options'],
  ['Transfer learning reuses a pretrained model for a new task', 'Fine-tuning adapts a trained neural network to new data', 'Receita de bolo de chocolate'],
] as const;
const PT_SETS = [
  ['Receita de bolo de chocolate', 'Como fazer um bolo de cenoura', 'Atualização do sistema operacional'],
  ['Como criar links entre notas', 'Ligar notas umas às outras', 'Pagamento mensal da assinatura'],
] as const;
const PT_EN_SETS = [
  ['Receita de bolo de chocolate', 'Chocolate cake recipe', 'Operating system update'],
  ['O gato dorme no sofá', 'The cat sleeps on the couch', 'The stock market fell today'],
] as const;

async function margins(embedder: TransformersEmbedder, sets: readonly (readonly [string, string, string])[]): Promise<number[]> {
  const out: number[] = [];
  for (const [a, b, c] of sets) {
    const [va, vb, vc] = await embedder.embed([a, b, c], 'passage');
    out.push(cos(va!, vb!) - cos(va!, vc!));
  }
  return out;
}

describe('glove-en-100d (real English word vectors)', () => {
  it('ranks related English texts above unrelated ones', async () => {
    const e = await load('glove-en-100d');
    expect(e.info).toEqual({ modelId: 'glove-en-100d', dims: 100, maxTokens: 512 });
    for (const m of await margins(e, EN_SETS)) expect(m).toBeGreaterThan(0.1);
  });
});

describe('glove-pt-en-100d (Portuguese and cross-lingual)', () => {
  it('ranks related Portuguese texts higher, and finds English counterparts of Portuguese texts', async () => {
    const e = await load('glove-pt-en-100d');
    for (const m of await margins(e, PT_SETS)) expect(m).toBeGreaterThan(0.1);
    for (const m of await margins(e, PT_EN_SETS)) expect(m).toBeGreaterThan(0.3);
  });

  it('gives unit-length vectors for any input, including empty and unknown-word texts', async () => {
    const e = await load('glove-pt-en-100d');
    const vectors = await e.embed(['', 'zzqxv wwkjq', 'Ligar notas'], 'query');
    for (const v of vectors) {
      expect(v.every(Number.isFinite)).toBe(true);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
  });
});

describe('tiny-random-e5-like (the class layout of multilingual-e5-small)', () => {
  it('applies e5 prefixes per kind: the same text differs as query and passage', async () => {
    const e = await load('tiny-random-e5-like', E5_PREFIXES);
    const [q] = await e.embed(['Aprendizado por transferência'], 'query');
    const [p] = await e.embed(['Aprendizado por transferência'], 'passage');
    expect(cos(q!, p!)).toBeLessThan(0.9999);
    const plain = await load('tiny-random-e5-like');
    const [count] = await plain.countTokens(['Aprendizado por transferência'], 'query');
    const [prefixed] = await e.countTokens(['Aprendizado por transferência'], 'query');
    // "Aprendizado por transferência" is 11 ids with <s> and </s> (models/README.md).
    expect(count).toBe(11);
    expect(prefixed).toBeGreaterThan(count!);
  });

  it('truncates at maxTokens: text beyond the limit does not change the vector', async () => {
    const e = await load('tiny-random-e5-like', { maxTokens: 16 }, 'fp32');
    expect(e.info.maxTokens).toBe(16);
    const head = 'nota pasta cofre busca modelo ligação arquivo título etiqueta propriedade conhecimento aprendizado';
    const [a, b] = await e.embed([`${head} gato cachorro`, `${head} bolo chocolate receita`], 'passage');
    expect(maxAbsDiff(a!, b!)).toBe(0);
    const [count] = await e.countTokens([head], 'passage');
    expect(count).toBeGreaterThan(16);
  });

  it('truncates at the model limit of 512 tokens by default', async () => {
    const e = await load('tiny-random-e5-like', {}, 'fp32');
    const words = Array.from({ length: 600 }, (_, i) => ['nota', 'pasta', 'cofre', 'busca'][i % 4]).join(' ');
    const [a, b] = await e.embed([words, `${words} gato`], 'passage');
    expect(maxAbsDiff(a!, b!)).toBe(0);
  });

  const mixed = ['Um', 'Aprendizado por transferência reutiliza um modelo', 'The cat sat on the mat while the dog slept on the rug all afternoon', 'Ligar notas'];

  it('fp32: a text gives exactly the same vector alone and in a padded batch', async () => {
    const e = await load('tiny-random-e5-like', E5_PREFIXES, 'fp32');
    const batch = await e.embedBatch(mixed, 'passage');
    for (let i = 0; i < mixed.length; i++) {
      const [single] = await e.embedBatch([mixed[i]!], 'passage');
      expect(maxAbsDiff(batch[i]!, single!)).toBe(0);
    }
  });

  it('q8: batch and single agree within cos > 0.999 (DynamicQuantizeLinear scales per batch)', async () => {
    const e = await load('tiny-random-e5-like', E5_PREFIXES, 'q8');
    const batch = await e.embedBatch(mixed, 'passage');
    for (let i = 0; i < mixed.length; i++) {
      const [single] = await e.embedBatch([mixed[i]!], 'passage');
      expect(cos(batch[i]!, single!)).toBeGreaterThan(0.999);
    }
  });
});

describe('tiny-random-bert and tiny-random-xlm-roberta (loader and model classes)', () => {
  for (const name of ['tiny-random-bert', 'tiny-random-xlm-roberta']) {
    it(`${name}: loads and gives finite unit vectors of 32 dims; identical texts agree`, async () => {
      const e = await load(name, {}, 'fp32');
      expect(e.info.dims).toBe(32);
      const [a, b, c] = await e.embed(['Ligar notas umas às outras', 'Ligar notas umas às outras', 'The cat sat on the mat'], 'passage');
      for (const v of [a!, b!, c!]) {
        expect(v).toHaveLength(32);
        expect(v.every(Number.isFinite)).toBe(true);
        expect(norm(v)).toBeCloseTo(1, 5);
      }
      expect(cos(a!, b!)).toBeCloseTo(1, 6);
      expect(cos(a!, c!)).toBeLessThan(0.9999);
    });
  }

  it('tiny-random-xlm-roberta: fp32 batch and single agree exactly (RoBERTa positions skip padding)', async () => {
    const e = await load('tiny-random-xlm-roberta', {}, 'fp32');
    const texts = ['Um', 'Aprendizado por transferência reutiliza um modelo pré-treinado'];
    const batch = await e.embedBatch(texts, 'passage');
    const single = await e.embedBatch([texts[0]!], 'passage');
    expect(maxAbsDiff(batch[0]!, single[0]!)).toBe(0);
  });

  it('embeds large inputs in planned batches and maps them back to input order', async () => {
    const e = await load('tiny-random-bert', {}, 'fp32');
    const texts = Array.from({ length: 21 }, (_, i) => `nota ${'pasta '.repeat((i * 5) % 13)}${i}`);
    const progress: number[] = [];
    const all = await e.embed(texts, 'passage', { onProgress: (done) => progress.push(done) });
    expect(progress.at(-1)).toBe(21);
    expect(progress.length).toBeGreaterThan(2);
    for (const i of [0, 7, 20]) {
      const [single] = await e.embedBatch([texts[i]!], 'passage');
      expect(maxAbsDiff(all[i]!, single!)).toBe(0);
    }
  });
});

describe('load errors', () => {
  function tempModel(files: Record<string, string | Buffer>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amn-broken-model-'));
    tempDirs.push(dir);
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), content);
    }
    return dir;
  }
  const bert = fixtureModelDir('tiny-random-bert');
  const copy = (f: string): Buffer => fs.readFileSync(path.join(bert, f));

  it('names the missing file and where it looked', async () => {
    const dir = tempModel({ 'config.json': copy('config.json'), 'tokenizer.json': copy('tokenizer.json'), 'tokenizer_config.json': copy('tokenizer_config.json') });
    await expect(TransformersEmbedder.load({ spec: resolveModelSpec('broken'), reader: directoryReader(dir) })).rejects.toThrow(
      `Model 'broken' could not be loaded from ${dir}: onnx/model_quantized.onnx is missing.`,
    );
  });

  it('says when a dtype is not available (GloVe has no fp32 file)', async () => {
    await expect(
      TransformersEmbedder.load({ spec: resolveModelSpec('glove-en-100d'), reader: directoryReader(fixtureModelDir('glove-en-100d')), dtype: 'fp32' }),
    ).rejects.toThrow(/onnx\/model\.onnx is missing \(fp32 needs onnx\/model\.onnx\)/);
  });

  it('reports a corrupt ONNX file instead of hanging', async () => {
    const dir = tempModel({
      'config.json': copy('config.json'),
      'tokenizer.json': copy('tokenizer.json'),
      'tokenizer_config.json': copy('tokenizer_config.json'),
      'onnx/model_quantized.onnx': copy('onnx/model_quantized.onnx').subarray(0, 5000),
    });
    await expect(TransformersEmbedder.load({ spec: resolveModelSpec('half-written'), reader: directoryReader(dir) })).rejects.toThrow(
      new RegExp(`^Model 'half-written' could not be loaded from ${dir.replace(/[/\\]/g, '.')}: .+`),
    );
  });

  it('rejects a model whose vectors do not have the registry dims', async () => {
    await expect(
      TransformersEmbedder.load({ spec: resolveModelSpec('tiny-random-bert', { dims: 384 }), reader: directoryReader(fixtureModelDir('tiny-random-bert')) }),
    ).rejects.toThrow(/produces 32-dimensional vectors, but 384 was expected/);
  });

  it('refuses to embed after dispose', async () => {
    const e = await load('tiny-random-bert');
    await e.dispose();
    await expect(e.embed(['x'], 'query')).rejects.toThrow(/was disposed/);
  });
});
