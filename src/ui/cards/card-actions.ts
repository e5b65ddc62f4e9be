/** What clicking on a card does: open notes at a place, search a tag, create the missing note. */
import { Keymap, Notice, normalizePath, type App } from 'obsidian';
import { draftNote } from '../../core/retrieval/covering-notes';
import type { UnresolvedCard } from '../../core/retrieval/card-types';
import { openAtPassage } from '../related/note-links';
import type { CardActions } from './card-render';

/** Obsidian's search plugin (internal; tags become clickable only when it is there). */
interface GlobalSearch {
  openGlobalSearch?(query: string): void;
}

export function cardActions(app: App, sourcePath: string, close: () => void): CardActions {
  const search = globalSearch(app);
  const actions: CardActions = {
    open: (path, anchor, evt) => {
      close();
      void openAtPassage(app, { path, ...(anchor ? { line: anchor.line, heading: anchor.heading } : {}) }, sourcePath, Keymap.isModEvent(evt));
    },
    create: (card) => {
      close();
      void createNote(app, card, sourcePath);
    },
  };
  if (search) {
    actions.searchTag = (tag) => {
      close();
      search(`tag:${tag}`);
    };
  }
  return actions;
}

/**
 * Creates the note a link points to (only on the user's click), where Obsidian would put a
 * new note from that link, with a "Related" list linking the notes that cover it, then opens it.
 */
export async function createNote(app: App, card: UnresolvedCard, sourcePath: string): Promise<string | null> {
  const path = newNotePath(app, card.linkpath, sourcePath);
  const title = path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/i, '');
  const text = draftNote(title, card.covering, (p) => {
    const file = app.vault.getFileByPath(p);
    return file ? app.fileManager.generateMarkdownLink(file, path) : `[[${p.replace(/\.md$/i, '')}]]`;
  });
  try {
    await app.vault.create(path, text);
  } catch (error) {
    new Notice(`Could not create ${path}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
  await app.workspace.openLinkText(path, sourcePath, false);
  return path;
}

/** `Folder/Note` links name a vault path; a bare name goes where the user's "new note location" setting says. */
export function newNotePath(app: App, linkpath: string, sourcePath: string): string {
  const name = `${linkpath.replace(/\.md$/i, '')}.md`;
  if (linkpath.includes('/')) return normalizePath(name);
  const parent = app.fileManager.getNewFileParent(sourcePath, name);
  return normalizePath(parent.path === '' || parent.path === '/' ? name : `${parent.path}/${name}`);
}

function globalSearch(app: App): ((query: string) => void) | null {
  const internal = (app as unknown as { internalPlugins?: { getPluginById?(id: string): { instance?: GlobalSearch; enabled?: boolean } | null } }).internalPlugins;
  const plugin = internal?.getPluginById?.('global-search');
  const instance = plugin?.instance;
  if (!instance?.openGlobalSearch || plugin?.enabled === false) return null;
  return (query) => instance.openGlobalSearch?.(query);
}
