/** One line about the index and the model, when either limits the answers; null when all is ready. */
import type { EngineSnapshot } from '../../core/engine';

export interface StatusLine {
  text: string;
  kind: 'error' | 'busy' | 'info';
}

export function statusLine(snapshot: EngineSnapshot): StatusLine | null {
  if (snapshot.error) return { text: `The index could not start: ${snapshot.error}`, kind: 'error' };
  if (!snapshot.indexReady) return { text: 'Loading the index… Questions are answered once it is loaded.', kind: 'busy' };
  const model = snapshot.model;
  const keywords = model.kind === 'ready' ? '' : ' Answers use keyword search meanwhile.';
  const indexing = snapshot.indexing;
  if (indexing && indexing.phase !== 'idle') {
    return { text: `Indexing ${indexing.notesDone} / ${indexing.notesTotal} notes: notes not indexed yet cannot be cited.${keywords}`, kind: 'busy' };
  }
  switch (model.kind) {
    case 'downloading':
      return { text: `Downloading the embedding model${model.percent !== undefined ? ` (${Math.round(model.percent)}%)` : ''}. Answers use keyword search meanwhile.`, kind: 'busy' };
    case 'loading':
      return { text: 'Loading the embedding model. Answers use keyword search meanwhile.', kind: 'busy' };
    case 'unavailable':
      return { text: `Keyword search only: ${model.reason}`, kind: 'info' };
    case 'idle':
      return { text: 'No embedding model is loaded: answers use keyword search.', kind: 'info' };
    case 'ready':
      return null;
  }
}
