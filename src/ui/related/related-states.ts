/** The view's empty and error states: each says what is going on and offers the fix. */
import type { RelatedViewState, ModelNotice } from './related-view-state';

export interface StateActions {
  /** Opens this plugin's settings tab (exclusions, model). */
  openSettings(): void;
}

export function renderState(parent: HTMLElement, state: Exclude<RelatedViewState, { kind: 'results' }>, actions: StateActions): void {
  const box = parent.createDiv({ cls: ['amn-related-state', `amn-related-state-${state.kind}`] });
  const say = (text: string): HTMLElement => box.createDiv({ cls: 'amn-related-state-text', text });
  switch (state.kind) {
    case 'engine-error':
      say(`Related notes are unavailable: ${state.message}`);
      settingsButton(box, actions);
      return;
    case 'loading-index':
      say('Loading the index…');
      return;
    case 'no-note':
      say('Open a note to see the notes related to it.');
      return;
    case 'excluded':
      say(`${titleOf(state.path)} is excluded from the index (${state.detail}), so it has no related notes.`);
      say('Exclusions are set in the plugin settings.');
      settingsButton(box, actions);
      return;
    case 'indexing': {
      say(`${titleOf(state.path)} is not indexed yet.`);
      const p = state.progress;
      if (p && p.notesTotal > 0) {
        say(`Indexing: ${p.notesDone} of ${p.notesTotal} notes.`);
        box.createEl('progress', { cls: 'amn-related-progress', attr: { max: p.notesTotal, value: p.notesDone } });
      } else {
        say('It will be indexed shortly.');
      }
      return;
    }
    case 'not-indexed':
      say(`${titleOf(state.path)} is not indexed: ${state.detail}`);
      return;
    case 'empty-note':
      say('This note is empty. Write something, and related notes will appear here.');
      return;
  }
}

export function renderNoResults(parent: HTMLElement, includeLinked: boolean): void {
  const box = parent.createDiv({ cls: ['amn-related-state', 'amn-related-state-none'] });
  box.createDiv({ cls: 'amn-related-state-text', text: includeLinked ? 'No related notes yet.' : 'No related notes that are not linked already.' });
  box.createDiv({ cls: 'amn-related-state-text', text: 'Related notes appear as the vault grows around this topic.' });
}

/** Shown above the list when it is based on keywords instead of vectors. */
export function renderModelNotice(parent: HTMLElement, notice: ModelNotice, actions: StateActions): void {
  const box = parent.createDiv({ cls: ['amn-related-notice', `amn-related-notice-${notice.kind}`] });
  box.createDiv({ cls: 'amn-related-state-text', text: notice.message });
  if (notice.percent !== undefined) box.createEl('progress', { cls: 'amn-related-progress', attr: { max: 100, value: Math.round(notice.percent) } });
  if (notice.kind === 'no-model') settingsButton(box, actions, 'Choose a model');
}

function settingsButton(box: HTMLElement, actions: StateActions, label = 'Open settings'): void {
  const button = box.createEl('button', { cls: 'amn-related-state-action', text: label });
  button.addEventListener('click', () => actions.openSettings());
}

function titleOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.replace(/\.md$/i, '');
}
