/**
 * The related-notes feature: the sidebar view, its ribbon icon, page-preview source and
 * commands. main.ts calls `registerRelatedFeature(ctx)` once in onload.
 */
import { MarkdownView, Notice, type Editor, type MarkdownFileInfo } from 'obsidian';
import { relatedNotes } from '../../core/retrieval/related';
import type { PluginContext } from '../../plugin-context';
import { appendRelatedSection, insertLinksAtCursor, linkTo } from './note-links';
import { RELATED_ICON, RelatedView, VIEW_TYPE_RELATED } from './related-view';

/** Links the insert commands write: the closest notes not linked yet. */
export const INSERTED_LINKS = 5;

export const RELATED_COMMANDS = {
  open: 'open-related-notes',
  fromSelection: 'find-related-to-selection',
  insertAtCursor: 'insert-related-links',
  insertSection: 'insert-related-section',
} as const;

export function registerRelatedFeature(ctx: PluginContext): void {
  const { plugin } = ctx;
  plugin.registerView(VIEW_TYPE_RELATED, (leaf) => new RelatedView(leaf, ctx));
  plugin.registerHoverLinkSource(VIEW_TYPE_RELATED, { display: 'Ask My Notes: related notes', defaultMod: true });
  plugin.addRibbonIcon(RELATED_ICON, 'Open related notes', () => void revealRelatedView(ctx));

  plugin.addCommand({
    id: RELATED_COMMANDS.open,
    name: 'Open related notes',
    callback: () => void revealRelatedView(ctx),
  });

  plugin.addCommand({
    id: RELATED_COMMANDS.fromSelection,
    name: 'Find notes related to the selection',
    editorCheckCallback: (checking, editor, info) => {
      const text = editor.getSelection().trim();
      const path = info.file?.path;
      if (text === '' || !path || !ctx.engine.searcher()) return false;
      if (!checking) void revealRelatedView(ctx).then((view) => view?.showQuery(text, path));
      return true;
    },
  });

  plugin.addCommand({
    id: RELATED_COMMANDS.insertAtCursor,
    name: 'Insert links to related notes',
    editorCheckCallback: (checking, editor, info) => insertCommand(ctx, checking, editor, info, (links) => insertLinksAtCursor(editor, links)),
  });

  plugin.addCommand({
    id: RELATED_COMMANDS.insertSection,
    name: 'Add a related notes section at the end of the note',
    editorCheckCallback: (checking, editor, info) =>
      insertCommand(ctx, checking, editor, info, (links) => {
        if (appendRelatedSection(editor, links) === 0) new Notice('The related notes are all linked in this note already.');
      }),
  });
}

function insertCommand(ctx: PluginContext, checking: boolean, _editor: Editor, info: MarkdownView | MarkdownFileInfo, write: (links: string[]) => void): boolean {
  const path = info.file?.path;
  if (!path || !ctx.engine.note(path)) return false;
  if (checking) return true;
  void relatedNotes(ctx.engine, path, { limit: INSERTED_LINKS, includeLinked: false }).then((results) => {
    if (results.length === 0) {
      new Notice('No related notes that are not linked already.');
      return;
    }
    write(results.map((r) => linkTo(ctx.app, r.path, path)));
  });
  return true;
}

/** The related view, opened in the right sidebar if it is not open yet, and revealed. */
export async function revealRelatedView(ctx: PluginContext): Promise<RelatedView | null> {
  const workspace = ctx.app.workspace;
  let leaf = workspace.getLeavesOfType(VIEW_TYPE_RELATED)[0] ?? null;
  if (!leaf) {
    leaf = workspace.getRightLeaf(false);
    if (!leaf) return null;
    await leaf.setViewState({ type: VIEW_TYPE_RELATED, active: true });
  }
  await workspace.revealLeaf(leaf);
  return findRelatedView(ctx);
}

/** The open related view, if any: looked up each time, never kept. */
export async function findRelatedView(ctx: PluginContext): Promise<RelatedView | null> {
  for (const leaf of ctx.app.workspace.getLeavesOfType(VIEW_TYPE_RELATED)) {
    await leaf.loadIfDeferred();
    if (leaf.view instanceof RelatedView) return leaf.view;
  }
  return null;
}
