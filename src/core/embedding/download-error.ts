/** A model download failure, with the file and HTTP status when there was one. */
export class ModelDownloadError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly status?: number,
    /** False when retrying cannot help (404, 401/403, corrupt file discarded from a bad host). */
    readonly retryable = true,
  ) {
    super(message);
    this.name = 'ModelDownloadError';
  }
}

export function describeModelFile(modelId: string, file: string): string {
  return `Model file ${modelId}/${file}`;
}
