/**
 * Progress of a model download: byte counts per file, and the events a Notice or a status
 * bar item shows (percent once every file's size is known).
 */
import type { ExpectedFile } from './hub';

export type DownloadPhase = 'metadata' | 'download' | 'verify' | 'complete';

export interface DownloadProgress {
  modelId: string;
  phase: DownloadPhase;
  /** The file being fetched or verified. */
  file: string;
  fileBytesDone: number;
  fileBytesTotal?: number;
  /** Over all files of the model, resumed bytes included. */
  bytesDone: number;
  /** Known once every file's size is known. */
  bytesTotal?: number;
  /** 0–100, when `bytesTotal` is known. */
  percent?: number;
}

/** Byte counts per file and the progress events computed from them. */
export class DownloadState {
  private readonly done = new Map<string, number>();
  private readonly expectedFiles = new Map<string, ExpectedFile>();
  /** Metadata for files that may join the list later (external data). */
  private readonly pending = new Map<string, ExpectedFile>();

  constructor(
    private readonly modelId: string,
    files: readonly string[],
    expected: Map<string, ExpectedFile>,
    private readonly report: (progress: DownloadProgress) => void,
  ) {
    for (const file of files) this.expectedFiles.set(file, expected.get(file) ?? {});
    for (const [name, value] of expected) if (!this.expectedFiles.has(name) && name.startsWith('onnx/')) this.pending.set(name, value);
  }

  addFile(file: string, done: number): void {
    this.expectedFiles.set(file, this.pending.get(file) ?? {});
    this.done.set(file, done);
  }

  expected(file: string): ExpectedFile {
    return this.expectedFiles.get(file) ?? {};
  }

  setExpected(file: string, expected: ExpectedFile): void {
    this.expectedFiles.set(file, expected);
  }

  setDone(file: string, bytes: number): void {
    this.done.set(file, bytes);
  }

  emit(phase: DownloadPhase, file: string): void {
    let bytesDone = 0;
    for (const n of this.done.values()) bytesDone += n;
    let bytesTotal: number | undefined = 0;
    for (const e of this.expectedFiles.values()) {
      if (e.size === undefined) {
        bytesTotal = undefined;
        break;
      }
      bytesTotal += e.size;
    }
    const progress: DownloadProgress = {
      modelId: this.modelId,
      phase,
      file,
      fileBytesDone: this.done.get(file) ?? 0,
      bytesDone,
    };
    const fileTotal = this.expectedFiles.get(file)?.size;
    if (fileTotal !== undefined) progress.fileBytesTotal = fileTotal;
    if (bytesTotal !== undefined) {
      progress.bytesTotal = bytesTotal;
      progress.percent = bytesTotal > 0 ? Math.min(100, (100 * bytesDone) / bytesTotal) : 100;
    }
    this.report(progress);
  }
}
