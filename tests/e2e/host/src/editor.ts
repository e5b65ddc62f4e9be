/**
 * The source-mode editor: a real CodeMirror 6 view (the same @codemirror/state and /view instances
 * the plugin gets from `require`), wrapped in Obsidian's `Editor` API with {line, ch} positions.
 * `[[links]]` are marked `cm-hmd-internal-link` and fire `hover-link` with source 'editor'.
 */
import { Compartment, EditorSelection, EditorState, type Extension } from '@codemirror/state';
import { Decoration, EditorView, MatchDecorator, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';

export interface EditorPosition {
  line: number;
  ch: number;
}
export interface EditorRange {
  from: EditorPosition;
  to: EditorPosition;
}

export class Editor {
  constructor(public cm: EditorView) {}

  private get doc() {
    return this.cm.state.doc;
  }
  posToOffset(pos: EditorPosition): number {
    const line = this.doc.line(Math.min(Math.max(pos.line, 0), this.doc.lines - 1) + 1);
    return Math.min(line.from + Math.max(pos.ch, 0), line.to);
  }
  offsetToPos(offset: number): EditorPosition {
    const line = this.doc.lineAt(Math.min(Math.max(offset, 0), this.doc.length));
    return { line: line.number - 1, ch: offset - line.from };
  }
  getValue(): string {
    return this.doc.toString();
  }
  setValue(content: string): void {
    this.cm.dispatch({ changes: { from: 0, to: this.doc.length, insert: content } });
  }
  getLine(line: number): string {
    return line >= 0 && line < this.doc.lines ? this.doc.line(line + 1).text : '';
  }
  setLine(n: number, text: string): void {
    const line = this.doc.line(n + 1);
    this.cm.dispatch({ changes: { from: line.from, to: line.to, insert: text } });
  }
  lineCount(): number {
    return this.doc.lines;
  }
  lastLine(): number {
    return this.doc.lines - 1;
  }
  getCursor(which: 'from' | 'to' | 'head' | 'anchor' = 'head'): EditorPosition {
    const sel = this.cm.state.selection.main;
    return this.offsetToPos(which === 'from' ? sel.from : which === 'to' ? sel.to : sel[which]);
  }
  setCursor(pos: EditorPosition | number, ch?: number): void {
    const p = typeof pos === 'number' ? { line: pos, ch: ch ?? 0 } : pos;
    this.cm.dispatch({ selection: { anchor: this.posToOffset(p) } });
  }
  getSelection(): string {
    const { from, to } = this.cm.state.selection.main;
    return this.doc.sliceString(from, to);
  }
  setSelection(anchor: EditorPosition, head?: EditorPosition): void {
    this.cm.dispatch({ selection: { anchor: this.posToOffset(anchor), head: this.posToOffset(head ?? anchor) } });
  }
  listSelections(): { anchor: EditorPosition; head: EditorPosition }[] {
    return this.cm.state.selection.ranges.map((r) => ({ anchor: this.offsetToPos(r.anchor), head: this.offsetToPos(r.head) }));
  }
  somethingSelected(): boolean {
    return this.cm.state.selection.ranges.some((r) => !r.empty);
  }
  getRange(from: EditorPosition, to: EditorPosition): string {
    return this.doc.sliceString(this.posToOffset(from), this.posToOffset(to));
  }
  replaceSelection(replacement: string): void {
    this.cm.dispatch(this.cm.state.replaceSelection(replacement));
  }
  replaceRange(replacement: string, from: EditorPosition, to?: EditorPosition): void {
    this.cm.dispatch({ changes: { from: this.posToOffset(from), to: this.posToOffset(to ?? from), insert: replacement } });
  }
  getScrollInfo(): { top: number; left: number } {
    return { top: this.cm.scrollDOM.scrollTop, left: this.cm.scrollDOM.scrollLeft };
  }
  scrollTo(x?: number | null, y?: number | null): void {
    if (x !== null && x !== undefined) this.cm.scrollDOM.scrollLeft = x;
    if (y !== null && y !== undefined) this.cm.scrollDOM.scrollTop = y;
  }
  scrollIntoView(range: EditorRange, center = false): void {
    this.cm.dispatch({ effects: EditorView.scrollIntoView(EditorSelection.range(this.posToOffset(range.from), this.posToOffset(range.to)), { y: center ? 'center' : 'nearest' }) });
  }
  focus(): void {
    this.cm.focus();
  }
  blur(): void {
    this.cm.contentDOM.blur();
  }
  hasFocus(): boolean {
    return this.cm.hasFocus;
  }
  refresh(): void {
    this.cm.requestMeasure();
  }
}

const internalLinkMarks = new MatchDecorator({
  regexp: /\[\[([^\]\n]+?)\]\]/g,
  decoration: (m) => Decoration.mark({ class: 'cm-hmd-internal-link', attributes: { 'data-linktext': m[1]!.split('|')[0]!.trim() } }),
});
const internalLinks = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = internalLinkMarks.createDeco(view);
    }
    update(u: ViewUpdate) {
      this.decorations = internalLinkMarks.updateDeco(u, this.decorations);
    }
  },
  { decorations: (v) => v.decorations },
);

/** Plugin editor extensions live in one compartment, reconfigured in every editor on (un)registration. */
export const pluginExtensions = new Compartment();

export function createEditorView(opts: {
  parent: HTMLElement;
  extensions: Extension[];
  onDocChanged: () => void;
  onLinkHover: (evt: MouseEvent, el: HTMLElement, linktext: string) => void;
}): EditorView {
  return new EditorView({
    parent: opts.parent,
    state: EditorState.create({
      doc: '',
      extensions: [
        EditorView.lineWrapping,
        internalLinks,
        pluginExtensions.of(opts.extensions),
        EditorView.updateListener.of((u) => u.docChanged && opts.onDocChanged()),
        EditorView.domEventHandlers({
          mouseover: (evt) => {
            const el = (evt.target as HTMLElement).closest<HTMLElement>('.cm-hmd-internal-link');
            if (el) opts.onLinkHover(evt, el, el.dataset.linktext ?? '');
          },
        }),
      ],
    }),
  });
}
