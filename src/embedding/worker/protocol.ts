/**
 * Messages between the main thread (WorkerEmbedder) and the embedding worker. Everything is
 * structured-clone data; errors travel as { name, message } so a failure inside the worker
 * always reaches the caller as a rejected promise, never as an uncaught exception.
 */
import type { ModelDtype, ModelSpec } from '../../core/embedding/models';
import type { EmbedKind, EmbedderInfo } from '../../core/ports';

/** `auto` tries WebGPU when the build includes it and an adapter exists, else WASM. */
export type DevicePreference = 'auto' | 'wasm';

export interface WireError {
  name: string;
  message: string;
}

export type ClientMessage =
  /** `source` describes where the main thread reads the files from, for error messages. */
  | { type: 'init'; id: number; spec: ModelSpec; dtype: ModelDtype; device: DevicePreference; source: string }
  /** One planned batch; the client does the planning so a pool can share the work. */
  | { type: 'embed'; id: number; texts: string[]; kind: EmbedKind }
  | { type: 'count'; id: number; texts: string[]; kind: EmbedKind }
  /** Drops request `id` if it has not started; a running batch finishes and is answered with AbortError. */
  | { type: 'cancel'; id: number }
  /** Answer to a `file-request`: the bytes (transferred), null when the file does not exist, or an error. */
  | { type: 'file'; id: number; bytes: ArrayBuffer | null; error?: string };

export type WorkerMessage =
  | { type: 'ready'; id: number; info: EmbedderInfo; backend: string }
  | { type: 'vectors'; id: number; vectors: Float32Array[] }
  | { type: 'counts'; id: number; counts: number[] }
  | { type: 'error'; id: number; error: WireError }
  /** The worker needs a model file; the main thread reads it from the ModelStore or folder. */
  | { type: 'file-request'; id: number; file: string }
  /** Sent every few seconds whenever the worker's event loop is free. */
  | { type: 'heartbeat' }
  /** An error nobody awaited inside the worker (uncaught exception, unhandled rejection). */
  | { type: 'fatal'; error: WireError }
  /** Free-form diagnostics (e.g. why WebGPU was not used). */
  | { type: 'log'; level: 'debug' | 'warn'; message: string };

export function toWireError(error: unknown): WireError {
  if (error instanceof Error) return { name: error.name || 'Error', message: error.message };
  return { name: 'Error', message: String(error) };
}

export function fromWireError(wire: WireError): Error {
  const error = new Error(wire.message);
  error.name = wire.name;
  return error;
}

export function isWorkerMessage(value: unknown): value is WorkerMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

export function isClientMessage(value: unknown): value is ClientMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
