/**
 * The local embedder: transformers.js `feature-extraction` with the model's pooling,
 * normalization, prefixes and truncation from the registry. The same class runs in Node
 * (onnxruntime-node, for tests and the CLI) and inside the Web Worker (onnxruntime-web WASM);
 * only the runtime options passed in differ.
 */
import { pipeline } from '@huggingface/transformers';
import { embedInBatches } from '../core/embedding/batch-runner';
import { onnxFileName } from '../core/embedding/model-files';
import type { ModelFileReader } from '../core/embedding/model-reader';
import { applyPrefix, embedderModelId, type ModelDtype, type ModelSpec } from '../core/embedding/models';
import { poolTokenStates } from '../core/embedding/pooling';
import type { EmbedKind, EmbedOptions, Embedder, EmbedderInfo } from '../core/ports';
import { registerModelFiles } from './transformers-env';

export interface TransformersRuntime {
  /** transformers.js device: `cpu` in Node, `wasm` or `webgpu` in the browser. */
  device?: 'cpu' | 'wasm' | 'webgpu';
  /** onnxruntime session options, e.g. `{ intraOpNumThreads: 2 }` in Node (otherwise it uses one core). */
  sessionOptions?: Record<string, unknown>;
}

export interface TransformersEmbedderOptions {
  spec: ModelSpec;
  reader: ModelFileReader;
  /** q8 by default: 1.3–2.6× faster than fp32 (PERF.md) at cos > 0.999 of the fp32 vectors. */
  dtype?: ModelDtype;
  runtime?: TransformersRuntime;
  maxBatchSize?: number;
  tokenBudget?: number;
}

export class ModelLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelLoadError';
  }
}

/** The parts of the transformers.js pipeline we use, typed narrowly. */
interface Tokenizer {
  (texts: string[], options: { padding: boolean; truncation: boolean; max_length: number }): Record<string, TensorLike>;
  encode(text: string): number[];
  readonly model_max_length?: number;
}
interface TensorLike {
  data: ArrayLike<number | bigint>;
  dims: number[];
  type?: string;
  dispose?(): void;
}
interface Extractor {
  tokenizer: Tokenizer;
  model: (inputs: Record<string, TensorLike>) => Promise<Record<string, TensorLike | undefined>>;
  dispose(): Promise<void>;
}

export class TransformersEmbedder implements Embedder {
  private disposed = false;

  private constructor(
    private readonly extractor: Extractor,
    private readonly spec: ModelSpec,
    private readonly options: TransformersEmbedderOptions,
    private currentInfo: EmbedderInfo,
  ) {}

  get info(): EmbedderInfo {
    return this.currentInfo;
  }

  /**
   * Loads the model from the reader and embeds one probe text, which tells the dimensions of
   * custom models and proves the model runs before anyone relies on it.
   */
  static async load(options: TransformersEmbedderOptions): Promise<TransformersEmbedder> {
    const { spec, reader } = options;
    const dtype = options.dtype ?? 'q8';
    const fail = (cause: string): ModelLoadError =>
      new ModelLoadError(`Model '${spec.id}' could not be loaded from ${reader.description}: ${cause}`);
    const files = registerModelFiles(reader);
    let extractor: Extractor;
    try {
      for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', onnxFileName(dtype)]) {
        let bytes: Uint8Array | null;
        try {
          bytes = await files.read(file);
        } catch (error) {
          throw fail(`reading ${file} failed: ${message(error)}`);
        }
        if (!bytes) throw fail(`${file} is missing${dtype === 'fp32' ? ' (fp32 needs onnx/model.onnx)' : ''}.`);
      }
      try {
        extractor = await pipeline('feature-extraction', files.key, {
          dtype,
          device: options.runtime?.device,
          session_options: options.runtime?.sessionOptions,
        });
      } catch (error) {
        throw fail(message(error));
      }
    } finally {
      files.release();
    }

    const tokenizerLimit = extractor.tokenizer.model_max_length;
    const maxTokens = Math.min(spec.maxTokens, Number.isFinite(tokenizerLimit) && tokenizerLimit ? tokenizerLimit : Infinity);
    const embedder = new TransformersEmbedder(extractor, spec, { ...options, dtype }, { modelId: embedderModelId(spec, dtype), dims: spec.dims ?? 0, maxTokens });
    let probe: Float32Array | undefined;
    try {
      [probe] = await embedder.embedBatch(['dimension probe'], 'passage');
    } catch (error) {
      await extractor.dispose().catch(() => undefined);
      throw fail(`the model does not run: ${message(error)}`);
    }
    const dims = probe?.length ?? 0;
    if (dims === 0 || (spec.dims !== undefined && spec.dims !== dims)) {
      await extractor.dispose().catch(() => undefined);
      throw fail(`it produces ${dims}-dimensional vectors, but ${spec.dims ?? 'a non-empty vector'} was expected.`);
    }
    embedder.currentInfo = { ...embedder.currentInfo, dims };
    return embedder;
  }

  async embed(texts: string[], kind: EmbedKind, options: EmbedOptions = {}): Promise<Float32Array[]> {
    this.assertOpen();
    return embedInBatches(
      texts,
      {
        countTokens: (batch) => this.countTokens(batch, kind),
        embedBatch: (batch) => this.embedBatch(batch, kind),
      },
      {
        signal: options.signal,
        onProgress: options.onProgress,
        priority: options.priority,
        maxTokens: this.info.maxTokens,
        maxBatchSize: this.options.maxBatchSize,
        tokenBudget: this.options.tokenBudget,
      },
    );
  }

  /** One forward pass over `texts` as a single padded batch (the caller planned it). */
  async embedBatch(texts: string[], kind: EmbedKind): Promise<Float32Array[]> {
    this.assertOpen();
    if (texts.length === 0) return [];
    const prefixed = texts.map((t) => applyPrefix(this.spec, kind, t));
    const inputs = this.extractor.tokenizer(prefixed, { padding: true, truncation: true, max_length: this.info.maxTokens });
    const outputs = await this.extractor.model(inputs);
    const states = outputs.last_hidden_state ?? outputs.token_embeddings;
    const mask = inputs.attention_mask;
    if (!states || !mask) throw new Error('The model returned no last_hidden_state (is it a feature-extraction encoder?).');
    if (!(states.data instanceof Float32Array)) throw new Error(`The model returned ${states.type ?? 'non-float32'} hidden states.`);
    const [batch, sequence, dims] = states.dims;
    try {
      return poolTokenStates(
        { data: states.data, batch: batch!, sequence: sequence!, dims: dims!, mask: mask.data },
        this.spec.pooling,
        this.spec.normalize,
      );
    } finally {
      for (const tensor of [...Object.values(outputs), ...Object.values(inputs)]) tensor?.dispose?.();
    }
  }

  async countTokens(texts: string[], kind: EmbedKind): Promise<number[]> {
    this.assertOpen();
    return texts.map((t) => this.extractor.tokenizer.encode(applyPrefix(this.spec, kind, t)).length);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.extractor.dispose();
  }

  private assertOpen(): void {
    if (this.disposed) throw new Error(`The embedder for '${this.spec.id}' was disposed.`);
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
