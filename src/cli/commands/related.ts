import { StaticNotesEngine } from '../../core/engine';
import { relatedBasisOf, relatedNotes } from '../../core/retrieval/related';
import type { RelatedResult } from '../../core/retrieval/related-types';
import type { CliIo, Command } from '../command';
import { flag, intOption } from '../args';
import { engineOptions, engineOptionsHelp, openIndexFor, type OpenedIndex } from '../engine-options';
import { CliError, USAGE_EXIT } from '../cli-error';

interface RelatedJson {
  path: string;
  score: number;
  linked: boolean;
  linkRelation: RelatedResult['linkRelation'];
  sharedLinks: string[];
  twoHop: boolean;
  /** `line` is 1-based, as editors show it. */
  passage: { heading: string | null; line: number; snippet: string } | null;
}

export const relatedCommand: Command = {
  name: 'related',
  summary: 'Notes related to a note (stored vectors + links; keywords without a model)',
  help: `Usage: ask-my-notes related <note path> [options]

Updates the index if notes changed, then lists the notes most related to the given note:
similarity of their passages (from the stored vectors; nothing is re-embedded), blended with
the links (direct links, links both make, two hops). Without an embedding model the note's
key terms are searched as keywords instead, and the output says so. Each result shows the
passage that matches best (heading, 1-based line) and the links both notes share.

Options:
  --k N              number of notes (default 10)
  --unlinked         only notes not linked with it yet (either way)
  --json             print {note, basis, results: [{path, score, linked, linkRelation, sharedLinks, twoHop, passage: {heading, line, snippet}}]}
${engineOptionsHelp}
  -h, --help         show this help`,
  options: { ...engineOptions, k: { type: 'string' }, json: { type: 'boolean' }, unlinked: { type: 'boolean' } },
  async run(args, io) {
    const k = intOption(args, 'k', 10, 1, 200);
    const requested = args.positionals.join(' ').trim();
    if (!requested) throw new CliError('related: missing <note path>.', USAGE_EXIT);
    const index = await openIndexFor(args, io, { sync: true });
    try {
      const engine = engineOf(index);
      const note = findNote(engine, requested);
      const results = await relatedNotes(engine, note, { limit: k, includeLinked: !flag(args, 'unlinked') });
      const basis = relatedBasisOf(engine.indexer().state, note);
      if (basis === 'lexical') io.err(`note: ${note} has no stored vectors (${index.embedder ? 'not embedded' : 'no embedding model'}); related by its key terms instead.`);
      const json = results.map(toJson);
      if (flag(args, 'json')) io.out(JSON.stringify({ note, basis, results: json }));
      else printRelated(io, note, basis, results);
      return 0;
    } finally {
      await index.close();
    }
  },
};

/** The CLI's NotesEngine over an opened index. */
export function engineOf(index: OpenedIndex): StaticNotesEngine {
  return new StaticNotesEngine({
    indexer: index.indexer,
    searcher: index.searcher,
    model: index.embedder ? { kind: 'ready', modelId: index.embedder.info.modelId, backend: 'node' } : { kind: 'unavailable', modelId: 'none', reason: 'no embedding model' },
  });
}

/** A vault path as given or with `.md` added, a link text resolved like Obsidian does, or an alias. */
export function findNote(engine: StaticNotesEngine, requested: string): string {
  const clean = requested.replace(/\\/g, '/').replace(/^\.\//, '');
  for (const candidate of [clean, `${clean}.md`]) if (engine.note(candidate)) return candidate;
  const name = clean.replace(/\.md$/i, '');
  const resolved = engine.resolveLink(name, '');
  if (resolved && engine.note(resolved)) return resolved;
  const lower = name.toLowerCase();
  for (const note of engine.indexer().state.notes()) if (note.meta.aliases.some((a) => a.toLowerCase() === lower)) return note.path;
  throw new CliError(`"${requested}" is not an indexed note of this vault (give a path relative to the vault, e.g. "Folder/Note.md", a note name or an alias).`);
}

function toJson(r: RelatedResult): RelatedJson {
  return {
    path: r.path,
    score: Math.round(r.score * 10000) / 10000,
    linked: r.linked,
    linkRelation: r.linkRelation,
    sharedLinks: r.sharedLinks,
    twoHop: r.twoHop,
    passage: r.passage ? { heading: r.passage.heading, line: r.passage.line + 1, snippet: r.passage.snippet } : null,
  };
}

const RELATION_TEXT: Record<RelatedResult['linkRelation'], string> = {
  both: 'linked both ways',
  'links-here': 'links here',
  'linked-from-here': 'linked from here',
  none: 'not linked yet',
};

export function printRelated(io: CliIo, note: string, basis: string, results: RelatedResult[]): void {
  io.out(`Related to ${note} (${basis === 'semantic' ? 'passage similarity from stored vectors' : 'key terms as keywords'} + links)`);
  if (results.length === 0) io.out('  (no related notes)');
  results.forEach((r, i) => {
    io.out(`${String(i + 1).padStart(3)}. ${r.path}  (${r.score.toFixed(3)}, ${RELATION_TEXT[r.linkRelation]})`);
    const why: string[] = [];
    if (r.sharedLinks.length > 0) why.push(`both link to ${r.sharedLinks.slice(0, 3).map((l) => `[[${l}]]`).join(', ')}`);
    if (r.twoHopVia.length > 0) why.push(`two hops away via ${r.twoHopVia.map((l) => `[[${l}]]`).join(', ')}`);
    if (why.length > 0) io.out(`     ${why.join('; ')}`);
    if (r.passage) io.out(`     ${r.passage.heading ? `${r.passage.heading}, ` : ''}line ${r.passage.line + 1}: ${r.passage.snippet}`);
  });
}
