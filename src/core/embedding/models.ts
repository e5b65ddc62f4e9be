/**
 * The embedding models the plugin knows, and how any other model id or local folder is
 * turned into the same description. Pure data: loading happens in `src/embedding/`.
 */
import type { EmbedKind } from '../ports';

export type Pooling = 'mean' | 'cls';
export type ModelDtype = 'q8' | 'fp32';

export interface ModelSpec {
  /** Hugging Face id (`org/name`) or, for a local folder, the folder name. */
  id: string;
  /** Human-readable name for settings and notices. */
  label: string;
  /** Output dimensions; undefined when only loading the model can tell (custom models). */
  dims?: number;
  pooling: Pooling;
  /** Whether vectors are scaled to unit length (always true here: the index compares by dot product). */
  normalize: boolean;
  /** Prepended to every text of that kind before tokenization (e5: `query: ` / `passage: `). */
  prefixes: Record<EmbedKind, string>;
  /** Longest input in model tokens, prefix and special tokens included; longer texts are truncated. */
  maxTokens: number;
  /** Approximate download size of the q8 files in MB, for the consent notice. */
  approxDownloadMB?: number;
  /** Languages the model was trained for: ISO codes, or `multi` for 50+ languages. */
  languages: string[];
  licence?: string;
  /** True for models from this table; false for ids and folders resolved with defaults. */
  known: boolean;
}

export const DEFAULT_MODEL_ID = 'Xenova/multilingual-e5-small';

/** No prefix for either kind: what symmetric sentence-transformers models expect. */
const NO_PREFIXES: Record<EmbedKind, string> = { query: '', passage: '' };

/**
 * Sizes are the q8 ONNX file plus tokenizer.json on the Hub (rounded); they are only shown to
 * the user before a download and never used for verification.
 */
export const KNOWN_MODELS: readonly ModelSpec[] = [
  {
    id: 'Xenova/multilingual-e5-small',
    label: 'Multilingual E5 small (default, ~100 languages)',
    dims: 384,
    pooling: 'mean',
    normalize: true,
    // The e5 models were trained with these prefixes; omitting them measurably hurts retrieval.
    prefixes: { query: 'query: ', passage: 'passage: ' },
    maxTokens: 512,
    approxDownloadMB: 135,
    languages: ['multi'],
    licence: 'MIT',
    known: true,
  },
  {
    id: 'Xenova/paraphrase-multilingual-MiniLM-L12-v2',
    label: 'Paraphrase multilingual MiniLM L12 (50+ languages)',
    dims: 384,
    pooling: 'mean',
    normalize: true,
    prefixes: NO_PREFIXES,
    // sentence-transformers truncates this model at 128 word pieces; it was never trained on longer input.
    maxTokens: 128,
    approxDownloadMB: 127,
    languages: ['multi'],
    licence: 'Apache-2.0',
    known: true,
  },
  {
    id: 'Xenova/all-MiniLM-L6-v2',
    label: 'all-MiniLM-L6-v2 (English, small and fast)',
    dims: 384,
    pooling: 'mean',
    normalize: true,
    prefixes: NO_PREFIXES,
    // sentence-transformers' max_seq_length for this model.
    maxTokens: 256,
    approxDownloadMB: 23,
    languages: ['en'],
    licence: 'Apache-2.0',
    known: true,
  },
  {
    id: 'Xenova/bge-small-en-v1.5',
    label: 'BGE small v1.5 (English)',
    dims: 384,
    // BGE uses the [CLS] vector, not the mean.
    pooling: 'cls',
    normalize: true,
    // BGE's recommended instruction for short queries against passages; passages get none.
    prefixes: { query: 'Represent this sentence for searching relevant passages: ', passage: '' },
    maxTokens: 512,
    approxDownloadMB: 34,
    languages: ['en'],
    licence: 'MIT',
    known: true,
  },
];

/** Defaults for a model we know nothing about: mean pooling and no prefixes work for most sentence encoders. */
const CUSTOM_DEFAULTS = {
  pooling: 'mean' as Pooling,
  normalize: true,
  prefixes: NO_PREFIXES,
  maxTokens: 512,
  languages: [] as string[],
};

export type ModelSpecOverrides = Partial<Pick<ModelSpec, 'pooling' | 'prefixes' | 'maxTokens' | 'dims' | 'label'>>;

export function findKnownModel(id: string): ModelSpec | undefined {
  const wanted = id.trim().toLowerCase();
  return KNOWN_MODELS.find((m) => m.id.toLowerCase() === wanted);
}

/**
 * The spec for a known id, or defaults for any other Hugging Face id or folder name.
 * Overrides win over both (a test registers a fixture with e5-style prefixes this way).
 */
export function resolveModelSpec(id: string, overrides: ModelSpecOverrides = {}): ModelSpec {
  const trimmed = id.trim();
  if (!trimmed) throw new Error('No embedding model id given.');
  const known = findKnownModel(trimmed);
  const base: ModelSpec = known
    ? { ...known, prefixes: { ...known.prefixes }, languages: [...known.languages] }
    : { id: trimmed, label: trimmed, ...CUSTOM_DEFAULTS, prefixes: { ...NO_PREFIXES }, languages: [], known: false };
  return {
    ...base,
    ...overrides,
    prefixes: { ...base.prefixes, ...(overrides.prefixes ?? {}) },
  };
}

/** `org/name` with the characters the Hub allows; local folder names are not hub ids. */
export function isHubModelId(id: string): boolean {
  return /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/.test(id) && !id.includes('..') && !id.includes('--');
}

export function applyPrefix(spec: Pick<ModelSpec, 'prefixes'>, kind: EmbedKind, text: string): string {
  return spec.prefixes[kind] + text;
}

/**
 * Id stored with the index: vectors from a different model, dtype, pooling or prefix set are
 * not comparable, so any of those changing must give a different id (and a rebuild).
 */
export function embedderModelId(spec: Pick<ModelSpec, 'id' | 'prefixes' | 'pooling'>, dtype: ModelDtype): string {
  const defaults = resolveModelSpec(spec.id);
  const parts = [spec.id];
  if (dtype !== 'q8') parts.push(dtype);
  const customised =
    spec.pooling !== defaults.pooling ||
    spec.prefixes.query !== defaults.prefixes.query ||
    spec.prefixes.passage !== defaults.prefixes.passage;
  if (customised) parts.push(`${spec.pooling}:${JSON.stringify([spec.prefixes.query, spec.prefixes.passage])}`);
  return parts.join('@');
}
