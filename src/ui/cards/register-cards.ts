/**
 * Concept hover cards: on internal links in Reading view and in the editor, per the
 * `hoverCardMode` setting, plus a command for the link under the cursor. main.ts calls
 * `registerCardFeature(ctx)` once in onload.
 */
import type { PluginContext } from '../../plugin-context';
import { CardModal } from './card-modal';
import { cardEditorExtension } from './editor-cards';
import { PreviewCards } from './preview-cards';
import { wikilinkAt } from './wikilink-at';

export const CARD_COMMANDS = { show: 'show-concept-card' } as const;

export function registerCardFeature(ctx: PluginContext): void {
  const { plugin, app } = ctx;
  const preview = new PreviewCards(ctx);
  const listen = (win: Window) => plugin.registerDomEvent(win, 'mouseover', (evt) => preview.onMouseOver(evt), { capture: true });
  listen(window);
  // Pop-out windows have their own DOM.
  plugin.registerEvent(app.workspace.on('window-open', (workspaceWindow) => listen(workspaceWindow.win)));
  plugin.registerEditorExtension(cardEditorExtension(ctx));

  plugin.addCommand({
    id: CARD_COMMANDS.show,
    name: 'Show concept card for this link',
    editorCheckCallback: (checking, editor, info) => {
      const cursor = editor.getCursor();
      const link = wikilinkAt(editor.getLine(cursor.line), cursor.ch);
      if (!link) return false;
      if (!checking) new CardModal(app, ctx, link.linktext, info.file?.path ?? '').open();
      return true;
    },
  });
}
