/**
 * What leaves the device with the current settings, said exactly: shown in the settings tab,
 * the index status window and the README. Servers on loopback count as this device.
 */
import { DEFAULT_HUB_HOST } from '../../core/embedding/hub';
import type { AskMyNotesSettings } from '../../settings';

export function privacySummary(settings: AskMyNotesSettings): string[] {
  const lines: string[] = [];
  const remoteUrl = settings.engine === 'remote' ? settings.remoteEmbeddingUrl.trim() : '';
  const llmUrl = settings.llmUrl.trim() && settings.llmModel.trim() ? settings.llmUrl.trim() : '';
  const leaves = [remoteUrl, llmUrl].some((url) => url !== '' && !isLoopback(url));
  if (!leaves) lines.push('Nothing leaves this device.');

  if (settings.engine === 'local') {
    const host = hostOf(settings.modelMirrorHost) ?? hostOf(DEFAULT_HUB_HOST)!;
    const folder = settings.localModelFolder.trim();
    lines.push(
      folder
        ? `The model is read from the vault folder "${folder}"; if it is not there, it is downloaded once from ${host}.`
        : `The model is downloaded once from ${host}; after that it runs on this device.`,
    );
  } else if (remoteUrl) {
    lines.push(`Note text and search queries are sent to ${describe(remoteUrl)} for embeddings.`);
  } else {
    lines.push('Remote embeddings are selected, but no server is set: search uses keywords only.');
  }
  if (llmUrl) lines.push(`Questions and note passages are sent to ${describe(llmUrl)} when you ask for an answer.`);
  return lines;
}

function describe(url: string): string {
  const host = hostOf(url) ?? url;
  return isLoopback(url) ? `${host} (a server on this device)` : host;
}

export function hostOf(url: string): string | null {
  const trimmed = url.trim();
  if (!trimmed) return null;
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`).host;
  } catch {
    return null;
  }
}

export function isLoopback(url: string): boolean {
  const host = hostOf(url);
  if (host === null) return false;
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  return name === 'localhost' || name.endsWith('.localhost') || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name);
}
