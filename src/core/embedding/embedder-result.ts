/**
 * "No model available" as a value rather than an exception: callers fall back to lexical
 * search and tell the user once, with the reason given here.
 */
import type { Embedder } from '../ports';

export type EmbedderResult =
  | { ok: true; embedder: Embedder; /** Where the model came from, for the status view. */ source: string }
  | { ok: false; /** One or two sentences for a Notice or the CLI, naming what was tried. */ reason: string };

export function embedderReady(embedder: Embedder, source: string): EmbedderResult {
  return { ok: true, embedder, source };
}

export function noEmbedder(reason: string): EmbedderResult {
  return { ok: false, reason };
}

/** The message of any thrown value, for reasons shown to users. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
