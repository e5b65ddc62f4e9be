/**
 * "Ask my notes" in the app: the sidebar view, its ribbon icon, the commands, and the session
 * that keeps this app session's questions while the panel is closed and reopened.
 */
import type { Editor, WorkspaceLeaf } from 'obsidian';
import type { PluginContext } from '../../plugin-context';
import { ASK_ICON, ASK_VIEW_TYPE, AskView } from './ask-view';
import { AskSession } from './ask-session';

export const ASK_COMMANDS = {
  open: 'open-ask-panel',
  askSelection: 'ask-about-selection',
} as const;

export function registerAskFeature(ctx: PluginContext): AskSession {
  const { app, plugin, engine } = ctx;
  const session = new AskSession({
    engine,
    generator: () => engine.generator(),
    sourceCount: () => ctx.settings().askSourceCount,
    linkpath: (passage) => {
      const file = app.vault.getFileByPath(passage.path);
      return file ? app.metadataCache.fileToLinktext(file, '', true) : passage.title;
    },
  });
  plugin.registerView(ASK_VIEW_TYPE, (leaf) => new AskView(leaf, session, engine));
  plugin.registerHoverLinkSource(ASK_VIEW_TYPE, { display: 'Ask my notes', defaultMod: true });
  plugin.register(() => session.cancel());
  plugin.addRibbonIcon(ASK_ICON, 'Ask my notes', () => void openAskView(ctx));
  plugin.addCommand({
    id: ASK_COMMANDS.open,
    name: 'Open question panel',
    callback: () => void openAskView(ctx),
  });
  plugin.addCommand({
    id: ASK_COMMANDS.askSelection,
    name: 'Ask about the selection',
    editorCheckCallback: (checking: boolean, editor: Editor) => {
      const selection = editor.getSelection().trim();
      if (!selection) return false;
      if (!checking) void openAskView(ctx).then((view) => view?.setQuestion(selection));
      return true;
    },
  });
  return session;
}

/** Shows the panel in the right sidebar, creating it there once; returns it for this call only. */
export async function openAskView(ctx: PluginContext): Promise<AskView | null> {
  const { workspace } = ctx.app;
  let leaf: WorkspaceLeaf | null = workspace.getLeavesOfType(ASK_VIEW_TYPE)[0] ?? null;
  if (!leaf) {
    leaf = workspace.getRightLeaf(false);
    if (!leaf) return null;
    await leaf.setViewState({ type: ASK_VIEW_TYPE, active: true });
  }
  await workspace.revealLeaf(leaf);
  return leaf.view instanceof AskView ? leaf.view : null;
}
