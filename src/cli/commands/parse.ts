import path from 'node:path';
import { parseNote } from '../../core/markdown';
import type { NoteDoc } from '../../core/markdown/types';
import { FsNoteSource } from '../../node/fs-note-source';
import type { CliIo, Command, ParsedArgs } from '../command';
import { flag } from '../args';
import { CliError, USAGE_EXIT } from '../cli-error';
import { isDirectory, readNoteFile } from '../read-note';

export const parseCommand: Command = {
  name: 'parse',
  summary: 'Parse a note (or every note in a folder) the way Obsidian does',
  help: `Usage: ask-my-notes parse <file.md | folder> [--json]

On a file: prints what the parser found (links, embeds, headings, tags, callouts,
highlights, frontmatter, blocks, sections). With --json, prints the full NoteDoc.
On a folder: parses every .md note below it and prints counts and the elapsed time.
Parser warnings (such as broken YAML) go to stderr as file:line: warning.

Options:
  --json     machine-readable output
  -h, --help show this help`,
  options: { json: { type: 'boolean' } },
  async run(args, io) {
    const target = args.positionals[0];
    if (!target) throw new CliError('parse: missing <file.md | folder>.', USAGE_EXIT);
    if (await isDirectory(target)) return parseFolder(target, flag(args, 'json'), io);
    return parseFile(target, args, io);
  },
};

async function parseFile(file: string, args: ParsedArgs, io: CliIo): Promise<number> {
  const text = await readNoteFile(file);
  const doc = parseNote(text);
  for (const w of doc.warnings) io.err(`${file}:${(w.line ?? 0) + 1}: warning: ${w.message}`);
  if (flag(args, 'json')) {
    io.out(JSON.stringify(doc, null, 2));
    return 0;
  }
  io.out(describeDoc(file, doc));
  return 0;
}

function describeDoc(file: string, doc: NoteDoc): string {
  const lines: string[] = [file];
  const line = (p: { position: { start: { line: number } } }) => `L${p.position.start.line + 1}`;
  if (doc.frontmatter) lines.push(`frontmatter: ${Object.keys(doc.frontmatter).join(', ') || '(empty)'}`);
  if (doc.allTags.length) lines.push(`tags: ${doc.allTags.join(' ')}`);
  if (doc.aliases.length) lines.push(`aliases: ${doc.aliases.join(', ')}`);
  for (const h of doc.headings) lines.push(`${line(h)}  ${'#'.repeat(h.level)} ${h.heading}`);
  for (const c of doc.callouts) {
    const fold = c.fold ? ` fold ${c.fold}` : '';
    lines.push(`${line(c)}  callout [!${c.type}] "${c.title}"${fold} depth ${c.depth}, lines ${c.position.start.line + 1}-${c.position.end.line + 1}`);
  }
  for (const h of doc.highlights) lines.push(`${line(h)}  ==${h.text}==`);
  for (const l of doc.links) lines.push(`${line(l)}  link ${l.original} -> ${l.link}`);
  for (const e of doc.embeds) lines.push(`${line(e)}  embed ${e.original} -> ${e.link}`);
  for (const b of Object.values(doc.blocks)) lines.push(`${line(b)}  block ^${b.id}`);
  lines.push(`sections: ${doc.sections.map((s) => s.type).join(', ')}`);
  return lines.join('\n');
}

async function parseFolder(folder: string, json: boolean, io: CliIo): Promise<number> {
  const source = new FsNoteSource(path.resolve(folder));
  const started = performance.now();
  const notes = await source.list();
  const totals = { notes: 0, links: 0, embeds: 0, headings: 0, tags: 0, callouts: 0, highlights: 0, blocks: 0, warnings: 0, errors: 0 };
  for (const note of notes) {
    let text: string;
    try {
      text = await source.read(note.path);
    } catch (err) {
      totals.errors++;
      io.err(`${path.join(folder, note.path)}:1: error: cannot read (${(err as Error).message})`);
      continue;
    }
    try {
      const doc = parseNote(text);
      totals.notes++;
      totals.links += doc.links.length;
      totals.embeds += doc.embeds.length;
      totals.headings += doc.headings.length;
      totals.tags += doc.allTags.length;
      totals.callouts += doc.callouts.length;
      totals.highlights += doc.highlights.length;
      totals.blocks += Object.keys(doc.blocks).length;
      totals.warnings += doc.warnings.length;
    } catch (err) {
      // The parser promises never to throw; if it does, count it and say where.
      totals.errors++;
      io.err(`${path.join(folder, note.path)}:1: error: parser exception: ${(err as Error).message}`);
    }
  }
  const elapsedMs = Math.round(performance.now() - started);
  if (json) io.out(JSON.stringify({ folder, ...totals, elapsedMs }));
  else {
    io.out(
      `Parsed ${totals.notes} notes in ${(elapsedMs / 1000).toFixed(2)} s: ${totals.links} links, ${totals.embeds} embeds, ` +
        `${totals.headings} headings, ${totals.tags} tags, ${totals.callouts} callouts, ${totals.highlights} highlights, ` +
        `${totals.blocks} block ids, ${totals.warnings} warnings, ${totals.errors} errors.`,
    );
  }
  return totals.errors > 0 ? 1 : 0;
}
