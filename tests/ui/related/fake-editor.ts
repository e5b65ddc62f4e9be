/** TEST HELPER: Obsidian's Editor API over a string, enough for inserting links. */
export interface Pos {
  line: number;
  ch: number;
}

export class FakeEditor {
  private lines: string[];
  constructor(
    text: string,
    private cursor: Pos = { line: 0, ch: 0 },
    private anchor: Pos | null = null,
  ) {
    this.lines = text.split('\n');
  }
  getValue(): string {
    return this.lines.join('\n');
  }
  getLine(line: number): string {
    return this.lines[line] ?? '';
  }
  lastLine(): number {
    return this.lines.length - 1;
  }
  getCursor(side: 'from' | 'to' | 'head' | 'anchor' = 'head'): Pos {
    if (!this.anchor) return this.cursor;
    const [from, to] = this.order(this.anchor, this.cursor);
    return side === 'from' ? from : side === 'to' ? to : side === 'anchor' ? this.anchor : this.cursor;
  }
  getSelection(): string {
    if (!this.anchor) return '';
    const [from, to] = this.order(this.anchor, this.cursor);
    return this.getValue().slice(this.offset(from), this.offset(to));
  }
  somethingSelected(): boolean {
    return this.getSelection() !== '';
  }
  replaceSelection(text: string): void {
    const [from, to] = this.anchor ? this.order(this.anchor, this.cursor) : [this.cursor, this.cursor];
    this.replaceRange(text, from, to);
    this.anchor = null;
    this.cursor = this.pos(this.offset(from) + text.length);
  }
  replaceRange(text: string, from: Pos, to: Pos = from): void {
    const value = this.getValue();
    this.lines = (value.slice(0, this.offset(from)) + text + value.slice(this.offset(to))).split('\n');
  }
  private offset(p: Pos): number {
    let o = 0;
    for (let l = 0; l < p.line; l++) o += (this.lines[l] ?? '').length + 1;
    return o + p.ch;
  }
  private pos(offset: number): Pos {
    let line = 0;
    while (line < this.lines.length - 1 && offset > (this.lines[line] ?? '').length) offset -= (this.lines[line++] ?? '').length + 1;
    return { line, ch: offset };
  }
  private order(a: Pos, b: Pos): [Pos, Pos] {
    return this.offset(a) <= this.offset(b) ? [a, b] : [b, a];
  }
}
