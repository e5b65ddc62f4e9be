import path from 'node:path';
import { parseNote } from '../../core/markdown';
import { chunkNote } from '../../core/chunking';
import { FsNoteSource } from '../../node/fs-note-source';
import type { Command } from '../command';
import { stringOption } from '../args';
import { defaultVault } from '../defaults';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'The main job on a vault (default: the bundled example vault)',
  help: `Usage: ask-my-notes demo [--vault DIR]

Parses every note of the vault and prints a summary: notes, links (and how many
point to notes that do not exist yet), callouts, definition callouts, highlights
and chunks. "npm start" with no arguments runs this on examples/vault.

Options:
  --vault DIR  vault folder (default: examples/vault)
  -h, --help   show this help`,
  options: { vault: { type: 'string' } },
  async run(args, io) {
    const vault = path.resolve(stringOption(args, 'vault') ?? defaultVault);
    const source = new FsNoteSource(vault);
    const notes = await source.list();
    const titles = new Set(notes.map((n) => path.posix.basename(n.path, '.md').toLowerCase()));
    const totals = { links: 0, unresolved: new Set<string>(), callouts: 0, definitions: 0, highlights: 0, chunks: 0, warnings: 0 };
    for (const note of notes) {
      const text = await source.read(note.path);
      const doc = parseNote(text);
      const chunks = chunkNote(note.path, text, doc);
      totals.links += doc.links.length;
      for (const l of doc.links) {
        const target = l.link.split('#')[0]!.replace(/\.md$/i, '');
        const base = target.split('/').pop()!.toLowerCase();
        if (target && !titles.has(base)) totals.unresolved.add(target);
      }
      totals.callouts += doc.callouts.length;
      totals.definitions += chunks.filter((c) => c.kind === 'definition').length;
      totals.highlights += doc.highlights.length;
      totals.chunks += chunks.length;
      totals.warnings += doc.warnings.length;
      for (const w of doc.warnings) io.err(`${note.path}:${(w.line ?? 0) + 1}: warning: ${w.message}`);
    }
    io.out(`Vault: ${vault}`);
    io.out(
      `${notes.length} notes, ${totals.links} links (${totals.unresolved.size} to notes not written yet: ${[...totals.unresolved].sort().join(', ') || 'none'}), ` +
        `${totals.callouts} callouts (${totals.definitions} definition chunks), ${totals.highlights} highlights, ${totals.chunks} chunks, ${totals.warnings} warnings.`,
    );
    return 0;
  },
};
