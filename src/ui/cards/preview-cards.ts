/**
 * Cards for internal links in rendered Markdown (Reading view, embeds, callouts rendered in
 * Live Preview). A capture-phase `mouseover` sees the hover before the view's own handler,
 * which is what asks page preview for a popover: when the hover setting says this gesture
 * is the card's, the event stops there and the card opens in Obsidian's own HoverPopover.
 * Any other gesture passes untouched, so page preview keeps working as configured.
 */
import { HoverPopover, Keymap, MarkdownView, type HoverParent } from 'obsidian';
import type { PluginContext } from '../../plugin-context';
import { cardWanted } from './card-trigger';
import { mountCard } from './card-mount';

/** Page preview waits this long too: a pointer passing over a link opens nothing. */
export const CARD_HOVER_DELAY_MS = 300;

const RENDERED_LINK = 'a.internal-link';
const RENDERED_AREA = '.markdown-preview-view, .markdown-rendered';
const EDITOR_LINK = '.cm-hmd-internal-link';

export class PreviewCards {
  private readonly parent: HoverParent = { hoverPopover: null };
  private target: HTMLElement | null = null;

  constructor(private readonly ctx: PluginContext) {}

  /** For `registerDomEvent(window, 'mouseover', …, { capture: true })`. */
  onMouseOver(evt: MouseEvent): void {
    const el = evt.target instanceof Element ? evt.target : null;
    if (!el || el.closest('.amn-card')) return;
    const wanted = cardWanted(this.ctx.settings().hoverCardMode, Keymap.isModifier(evt, 'Mod'));
    // Editor links get their card from the CodeMirror extension; here only page preview is kept from answering the same gesture.
    if (el.closest(EDITOR_LINK)) {
      if (wanted) evt.stopPropagation();
      return;
    }
    const link = el.closest<HTMLElement>(RENDERED_LINK);
    if (!link || !link.closest(RENDERED_AREA) || !wanted) return;
    const linktext = link.getAttribute('data-href') ?? link.getAttribute('href');
    if (!linktext) return;
    evt.stopPropagation();
    if (this.target === link && this.parent.hoverPopover) return;
    this.show(link, linktext, this.sourcePathOf(link));
  }

  private show(link: HTMLElement, linktext: string, sourcePath: string): void {
    this.target = link;
    const popover = new HoverPopover(this.parent, link, CARD_HOVER_DELAY_MS);
    popover.hoverEl.addClass('amn-card-popover');
    const body = popover.hoverEl.createDiv();
    const close = () => {
      popover.unload();
      popover.hoverEl.detach();
      if (this.parent.hoverPopover === popover) this.parent.hoverPopover = null;
      this.target = null;
    };
    void mountCard(body, this.ctx, linktext, sourcePath, close);
  }

  /** The note the link is written in: the Markdown view that contains it, else the active note. */
  private sourcePathOf(el: HTMLElement): string {
    for (const leaf of this.ctx.app.workspace.getLeavesOfType('markdown')) {
      const view = leaf.view;
      if (view instanceof MarkdownView && view.containerEl.contains(el)) return view.file?.path ?? '';
    }
    return this.ctx.app.workspace.getActiveFile()?.path ?? '';
  }
}
