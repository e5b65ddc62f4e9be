/**
 * `HoverPopover` and the core "Page preview" plugin. Views fire `hover-link`
 * (`{event, source, hoverParent, targetEl, linktext, sourcePath}`); page preview answers for
 * registered sources, requiring Mod when the source says so, with a `div.popover.hover-popover`
 * holding the linked note rendered, like Obsidian's.
 */
import { Component } from './events';
import { renderMarkdown } from './render';
import { Keymap } from './util';
import type { App } from './app';

export interface HoverParent {
  hoverPopover: HoverPopover | null;
}

export enum PopoverState {
  Showing,
  Shown,
  Hiding,
  Hidden,
}

export class HoverPopover extends Component {
  hoverEl = createDiv('popover hover-popover');
  state = PopoverState.Showing;
  private timer = 0;

  constructor(
    private parent: HoverParent,
    private targetEl: HTMLElement | null,
    waitTime = 300,
    staticPos: { x: number; y: number } | null = null,
  ) {
    super();
    parent.hoverPopover?.hide();
    parent.hoverPopover = this;
    this.timer = window.setTimeout(() => this.show(staticPos), waitTime);
    // Leaving both the link and the popover closes it after a grace period, so the pointer can travel between them.
    const leave = () => {
      window.clearTimeout(this.timer);
      if (this.state === PopoverState.Showing) this.hide();
      else this.timer = window.setTimeout(() => this.hide(), 300);
    };
    const enter = () => this.state === PopoverState.Shown && window.clearTimeout(this.timer);
    targetEl?.addEventListener('mouseleave', leave);
    targetEl?.addEventListener('mouseenter', enter);
    this.hoverEl.addEventListener('mouseleave', leave);
    this.hoverEl.addEventListener('mouseenter', enter);
    this.register(() => {
      targetEl?.removeEventListener('mouseleave', leave);
      targetEl?.removeEventListener('mouseenter', enter);
    });
  }

  private show(pos: { x: number; y: number } | null): void {
    if (this.state !== PopoverState.Showing) return;
    if (this.targetEl && !this.targetEl.isConnected) return this.hide();
    document.body.appendChild(this.hoverEl);
    const rect = this.targetEl?.getBoundingClientRect();
    const x = pos?.x ?? rect?.left ?? 0;
    const y = pos?.y ?? (rect ? rect.bottom + 4 : 0);
    this.hoverEl.style.left = `${Math.max(4, Math.min(x, window.innerWidth - this.hoverEl.offsetWidth - 4))}px`;
    this.hoverEl.style.top = `${Math.max(4, Math.min(y, window.innerHeight - this.hoverEl.offsetHeight - 4))}px`;
    this.state = PopoverState.Shown;
    this.load();
  }

  hide(): void {
    window.clearTimeout(this.timer);
    this.state = PopoverState.Hidden;
    this.hoverEl.detach();
    if (this.parent.hoverPopover === this) this.parent.hoverPopover = null;
    this.unload();
  }
}

export interface HoverLinkSource {
  display: string;
  defaultMod: boolean;
}

export interface HoverLinkEvent {
  event: MouseEvent;
  source: string;
  hoverParent: HoverParent;
  targetEl: HTMLElement | null;
  linktext: string;
  sourcePath?: string;
}

/** The core plugin: built-in sources as Obsidian registers them, plus what plugins register. */
export class PagePreview {
  enabled = true;
  sources = new Map<string, HoverLinkSource>([
    ['preview', { display: 'Reading view', defaultMod: false }],
    ['editor', { display: 'Editing view', defaultMod: true }],
  ]);
  /** Per-source "require Mod" overrides, as the page preview settings tab would set them. */
  requireMod: Record<string, boolean> = {};

  constructor(private app: App) {
    app.workspace.on('hover-link', (info: HoverLinkEvent) => this.onHoverLink(info));
  }

  private onHoverLink(info: HoverLinkEvent): void {
    const source = this.sources.get(info.source);
    if (!this.enabled || !source) return;
    if ((this.requireMod[info.source] ?? source.defaultMod) && !Keymap.isModEvent(info.event)) return;
    const file = this.app.metadataCache.getFirstLinkpathDest(info.linktext.split('#')[0]!, info.sourcePath ?? '');
    if (!file) return;
    const popover = new HoverPopover(info.hoverParent, info.targetEl);
    const embed = popover.hoverEl.createDiv('markdown-embed is-loaded');
    const body = embed.createDiv('markdown-embed-content').createDiv('markdown-preview-view markdown-rendered');
    void this.app.vault.cachedRead(file).then((text) => renderMarkdown(this.app, text, body, file.path, popover));
  }
}
