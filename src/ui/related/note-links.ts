/** Opening notes at a passage and writing links into the note being edited (Editor API only). */
import { MarkdownView, type App, type Editor, type PaneType } from 'obsidian';

export interface PassageTarget {
  path: string;
  /** 0-based line to put the cursor on. */
  line?: number;
  heading?: string | null;
}

/**
 * Opens a note at a passage: `#heading` as a link subpath (scrolls in every mode) and the line
 * as ephemeral state (puts the editor cursor on it). `newLeaf` as from `Keymap.isModEvent`.
 */
export async function openAtPassage(app: App, target: PassageTarget, sourcePath: string, newLeaf: PaneType | boolean = false): Promise<void> {
  const linktext = target.heading ? `${target.path}#${target.heading}` : target.path;
  await app.workspace.openLinkText(linktext, sourcePath, newLeaf, target.line === undefined ? {} : { eState: { line: target.line } });
}

/** A link to `path` written the way the vault's settings say (wikilink or Markdown, shortest path…). */
export function linkTo(app: App, path: string, sourcePath: string): string {
  const file = app.vault.getFileByPath(path);
  if (!file) return `[[${path.replace(/\.md$/i, '')}]]`;
  return app.fileManager.generateMarkdownLink(file, sourcePath);
}

/**
 * The Markdown editor the user was last in. The related view and a card take focus when
 * clicked, so the active view is often the sidebar: fall back to the most recent leaf.
 */
export function lastMarkdownView(app: App): MarkdownView | null {
  const active = app.workspace.getActiveViewOfType(MarkdownView);
  if (active) return active;
  const recent = app.workspace.getMostRecentLeaf()?.view;
  return recent instanceof MarkdownView ? recent : null;
}

/** Inserts `text` at the cursor (replacing a selection), with a space before it when it would touch a word. */
export function insertAtCursor(editor: Editor, text: string): void {
  const cursor = editor.getCursor('from');
  const before = editor.getLine(cursor.line).slice(0, cursor.ch);
  editor.replaceSelection(before !== '' && !/\s$/.test(before) ? ` ${text}` : text);
}

/** Links as a list on their own lines when the cursor is on an empty line, else comma-separated in the text. */
export function insertLinksAtCursor(editor: Editor, links: readonly string[]): void {
  const cursor = editor.getCursor('from');
  if (editor.getLine(cursor.line).trim() === '') editor.replaceSelection(links.map((l) => `- ${l}`).join('\n'));
  else insertAtCursor(editor, links.join(', '));
}

/** Adds (or extends) a `## Related` section at the end of the note with links it does not contain yet. */
export function appendRelatedSection(editor: Editor, links: readonly string[], heading = 'Related'): number {
  const text = editor.getValue();
  const fresh = links.filter((l) => !text.includes(l));
  if (fresh.length === 0) return 0;
  const last = editor.lastLine();
  const end = { line: last, ch: editor.getLine(last).length };
  const hasSection = new RegExp(`^#{1,6} ${escapeRegExp(heading)}\\s*$`, 'm').test(text) && lastHeading(text) === heading;
  const prefix = text.trim() === '' ? '' : text.endsWith('\n') ? (hasSection ? '' : '\n') : hasSection ? '\n' : '\n\n';
  const block = `${hasSection ? '' : `## ${heading}\n`}${fresh.map((l) => `- ${l}`).join('\n')}\n`;
  editor.replaceRange(prefix + block, end);
  return fresh.length;
}

/** The last heading of the text, so an existing "Related" section is extended only when it is the last section. */
function lastHeading(text: string): string | null {
  const headings = [...text.matchAll(/^#{1,6} (.+?)\s*$/gm)];
  return headings.at(-1)?.[1] ?? null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
