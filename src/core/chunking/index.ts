export type { Chunk, ChunkKind } from './types';
export { chunkNote, embeddingText, DEFAULT_TOKEN_BUDGET, type ChunkOptions } from './chunk-note';
export { contentHash } from './content-hash';
export { estimateTokens, type TokenCounter } from './token-estimate';
export { isDefinitionCallout } from './definition';
