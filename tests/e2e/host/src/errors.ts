/**
 * Obsidian logs errors thrown by plugin callbacks and keeps going; the host does the same but
 * also records them in `window.__host.errors`, so a scenario can assert that nothing failed.
 */
export const hostErrors: string[] = [];

export function reportError(where: string, error: unknown): void {
  const text = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
  hostErrors.push(`${where}: ${text}`);
  console.error(`[host] ${where}:`, error);
}
