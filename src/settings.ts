/** Settings: the stored shape, its defaults, and migration from older saved data. */

export type HoverCardMode = 'replace' | 'mod-hover' | 'off';
export type EmbeddingEngine = 'local' | 'remote';
export type SearchMode = 'hybrid' | 'dense' | 'lexical';

export interface AskMyNotesSettings {
  /** Schema version of this object, for migrations. */
  settingsVersion: number;
  /** Embedding engine: transformers.js on this device, or an OpenAI-compatible endpoint. */
  engine: EmbeddingEngine;
  /** Known model id (see the model registry) or any Hugging Face id. */
  modelId: string;
  /** Where models are downloaded from; empty means huggingface.co. */
  modelMirrorHost: string;
  /** A vault-relative or absolute folder holding HF-layout model folders, for air-gapped use; empty for none. */
  localModelFolder: string;
  /** Optional extra embedding workers (WASM cannot use threads in Obsidian, so workers are the way to more cores). */
  workerCount: number;
  /** Folders and globs that are never indexed, on top of Obsidian's own excluded files. */
  excludePatterns: string[];
  /** Token budget per chunk, in model word pieces. */
  chunkTokenBudget: number;
  /** How many related notes the sidebar lists. */
  relatedCount: number;
  /** Whether the related list includes notes already linked from the active note. */
  showLinkedNotes: boolean;
  hoverCardMode: HoverCardMode;
  searchMode: SearchMode;
  /** Remote embeddings (OpenAI-compatible /v1/embeddings). */
  remoteEmbeddingUrl: string;
  remoteEmbeddingModel: string;
  /** Name of the secret in Obsidian's SecretStorage holding the remote embedding API key; empty for none. */
  remoteEmbeddingKeySecret: string;
  /** Optional LLM for generative answers (OpenAI-compatible chat completions). */
  llmUrl: string;
  llmModel: string;
  /** Name of the secret in Obsidian's SecretStorage holding the LLM API key; empty for none. */
  llmKeySecret: string;
  /** Sources given to the answerer. */
  askSourceCount: number;
}

/**
 * 2: API keys are referenced by secret name (`remoteEmbeddingKeySecret`, `llmKeySecret`), as
 * Obsidian's SecretComponent stores them, instead of fixed secret ids.
 */
export const SETTINGS_VERSION = 2;

export const DEFAULT_SETTINGS: AskMyNotesSettings = {
  settingsVersion: SETTINGS_VERSION,
  engine: 'local',
  modelId: 'Xenova/multilingual-e5-small',
  modelMirrorHost: '',
  localModelFolder: '',
  workerCount: 1,
  excludePatterns: [],
  chunkTokenBudget: 256,
  relatedCount: 10,
  showLinkedNotes: true,
  hoverCardMode: 'mod-hover',
  searchMode: 'hybrid',
  remoteEmbeddingUrl: '',
  remoteEmbeddingModel: '',
  remoteEmbeddingKeySecret: '',
  llmUrl: '',
  llmModel: '',
  llmKeySecret: '',
  askSourceCount: 6,
};

/**
 * Merges saved data over the defaults, dropping unknown keys and values of the wrong type,
 * so a hand-edited or older data.json can never put the plugin in an invalid state.
 */
export function migrateSettings(saved: unknown): AskMyNotesSettings {
  const result: AskMyNotesSettings = { ...DEFAULT_SETTINGS, excludePatterns: [...DEFAULT_SETTINGS.excludePatterns] };
  if (!saved || typeof saved !== 'object') return result;
  const record = saved as Record<string, unknown>;
  const target = result as unknown as Record<string, unknown>;
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof AskMyNotesSettings)[]) {
    const value = record[key];
    const fallback = DEFAULT_SETTINGS[key];
    if (value === undefined) continue;
    if (Array.isArray(fallback)) {
      if (Array.isArray(value)) target[key] = value.filter((v): v is string => typeof v === 'string');
    } else if (typeof value === typeof fallback) {
      target[key] = value;
    }
  }
  // One pattern per line in the settings: blank lines and surrounding spaces mean nothing.
  result.excludePatterns = [...new Set(result.excludePatterns.map((p) => p.trim()).filter((p) => p !== ''))];
  result.modelId = result.modelId.trim() || DEFAULT_SETTINGS.modelId;
  result.chunkTokenBudget = clampInt(result.chunkTokenBudget, 32, 512);
  result.relatedCount = clampInt(result.relatedCount, 1, 50);
  result.workerCount = clampInt(result.workerCount, 1, 4);
  result.askSourceCount = clampInt(result.askSourceCount, 1, 20);
  if (!['replace', 'mod-hover', 'off'].includes(result.hoverCardMode)) result.hoverCardMode = DEFAULT_SETTINGS.hoverCardMode;
  if (!['local', 'remote'].includes(result.engine)) result.engine = DEFAULT_SETTINGS.engine;
  if (!['hybrid', 'dense', 'lexical'].includes(result.searchMode)) result.searchMode = DEFAULT_SETTINGS.searchMode;
  result.settingsVersion = SETTINGS_VERSION;
  return result;
}

function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.round(value)));
}
