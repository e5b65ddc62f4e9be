/**
 * Cards for `[[links]]` in the editor (Live Preview and Source mode): a CodeMirror hover
 * tooltip over the link's characters. The gesture rule is the Reading view's (card-trigger.ts),
 * so the card and page preview never answer the same hover.
 */
import type { Extension } from '@codemirror/state';
import { EditorView, closeHoverTooltips, hoverTooltip, type Tooltip } from '@codemirror/view';
import { Keymap, editorInfoField } from 'obsidian';
import type { PluginContext } from '../../plugin-context';
import { cardWanted } from './card-trigger';
import { mountCard } from './card-mount';
import { CARD_HOVER_DELAY_MS } from './preview-cards';
import { wikilinkAt } from './wikilink-at';

/** The hover source: a card tooltip when `pos` is on a wikilink and the gesture is the card's. */
export function cardTooltipSource(ctx: PluginContext, modHeld: () => boolean) {
  return (view: EditorView, pos: number): Tooltip | null => {
    if (!cardWanted(ctx.settings().hoverCardMode, modHeld())) return null;
    const line = view.state.doc.lineAt(pos);
    const link = wikilinkAt(line.text, pos - line.from);
    // Hovering just past the closing brackets is not hovering the link.
    if (!link || pos - line.from >= link.to) return null;
    const sourcePath = editorFile(view) ?? ctx.app.workspace.getActiveFile()?.path ?? '';
    return {
      pos: line.from + link.from,
      end: line.from + link.to,
      above: true,
      create: () => {
        const dom = createDiv({ cls: 'amn-card-tooltip' });
        void mountCard(dom, ctx, link.linktext, sourcePath, () => view.dispatch({ effects: closeHoverTooltips }));
        return { dom };
      },
    };
  };
}

/** The note this editor shows. Hosts that lack Obsidian's `editorInfoField` fall back to the active note. */
function editorFile(view: EditorView): string | null {
  const field = editorInfoField as typeof editorInfoField | undefined;
  return field ? (view.state.field(field, false)?.file?.path ?? null) : null;
}

export function cardEditorExtension(ctx: PluginContext): Extension {
  let modHeld = false;
  return [
    // The hover source cannot see the pointer event; remember the modifier from the last move.
    EditorView.domEventHandlers({
      mousemove: (evt) => {
        modHeld = Keymap.isModifier(evt, 'Mod');
        return false;
      },
    }),
    hoverTooltip(cardTooltipSource(ctx, () => modHeld), { hoverTime: CARD_HOVER_DELAY_MS }),
  ];
}
