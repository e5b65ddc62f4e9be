import { readFile } from 'node:fs/promises';
import type { NoteHit } from '../../core/search';
import type { CliIo, Command } from '../command';
import { flag, intOption, stringOption } from '../args';
import { engineOptions, engineOptionsHelp, modeOption, openIndexFor } from '../engine-options';
import { CliError, USAGE_EXIT } from '../cli-error';

interface SearchResultJson {
  path: string;
  score: number;
  heading: string | null;
  line: number;
  type: string;
  snippet: string;
}

export const searchCommand: Command = {
  name: 'search',
  summary: 'Search the vault (hybrid, dense or keyword)',
  help: `Usage: ask-my-notes search "query" [options]
       ask-my-notes search --queries-file FILE [options]

Updates the index if notes changed, then prints the best notes for the query, each with
its best passage (heading, 1-based line, chunk type, snippet). With --queries-file, reads
one query per line and prints one JSON object per line (JSONL).

Options:
  --mode M           hybrid (default), dense or lexical
  --k N              number of notes (default 10)
  --json             print {query, results: [{path, score, heading, line, type, snippet}]}
  --queries-file F   one query per line; JSONL output
${engineOptionsHelp}
  -h, --help         show this help`,
  options: { ...engineOptions, mode: { type: 'string' }, k: { type: 'string' }, json: { type: 'boolean' }, 'queries-file': { type: 'string' } },
  async run(args, io) {
    const mode = modeOption(args);
    const k = intOption(args, 'k', 10, 1, 1000);
    const file = stringOption(args, 'queries-file');
    const queries = file ? await readQueries(file) : [args.positionals.join(' ').trim()];
    if (queries.length === 0 || queries[0] === '') throw new CliError('search: missing "query" (or --queries-file FILE).', USAGE_EXIT);
    const index = await openIndexFor(args, io, { sync: true });
    try {
      const effective = index.searcher.effectiveMode(mode);
      if (effective !== mode) io.err(`note: ${mode} search is not available (${index.embedder ? 'keyword index still loading' : 'no embedding model'}); using ${effective}.`);
      for (const query of queries) {
        const hits = await index.searcher.searchNotes(query, { mode, limit: k });
        const results = hits.map(toJson);
        if (file || flag(args, 'json')) io.out(JSON.stringify({ query, results }));
        else printHuman(io, query, results);
      }
      return 0;
    } finally {
      await index.close();
    }
  },
};

async function readQueries(file: string): Promise<string[]> {
  try {
    return (await readFile(file, 'utf8')).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  } catch (error) {
    throw new CliError(`${file}: cannot read queries (${(error as Error).message}).`);
  }
}

function toJson(hit: NoteHit): SearchResultJson {
  const best = hit.passages[0];
  return {
    path: hit.path,
    score: Math.round(hit.score * 10000) / 10000,
    heading: best?.headingTrail.at(-1) ?? null,
    line: (best?.startLine ?? 0) + 1,
    type: best?.kind ?? 'section',
    snippet: snippet(best?.text ?? ''),
  };
}

export function snippet(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

function printHuman(io: CliIo, query: string, results: SearchResultJson[]): void {
  io.out(`Query: ${query}`);
  if (results.length === 0) io.out('  (no results)');
  results.forEach((r, i) => {
    const where = r.heading ? `${r.heading}, line ${r.line}` : `line ${r.line}`;
    io.out(`${String(i + 1).padStart(3)}. ${r.path}  (${r.score.toFixed(3)}, ${r.type}, ${where})`);
    io.out(`     ${r.snippet}`);
  });
}
