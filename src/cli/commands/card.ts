import { conceptCard } from '../../core/retrieval/card';
import type { ConceptCard, NoteCard, UnresolvedCard } from '../../core/retrieval/card-types';
import { draftNote } from '../../core/retrieval/covering-notes';
import type { CliIo, Command } from '../command';
import { flag, stringOption } from '../args';
import { engineOptions, engineOptionsHelp, openIndexFor } from '../engine-options';
import { CliError, USAGE_EXIT } from '../cli-error';
import { engineOf, findNote } from './related';

export const cardCommand: Command = {
  name: 'card',
  summary: 'The concept card of a note or link (definition, highlights, tags, related, backlinks)',
  help: `Usage: ask-my-notes card <note path or link text> [options]

Prints what hovering a [[link]] shows: the note's definition (its definition callout, else
its first highlight, else its first paragraph), its highlights, tags, three closest related
notes and its backlink count. For a link to a note that does not exist yet: the notes that
already cover the concept (a search for the link text, and notes linking to it), and the
note that "create" would write. Lines are 1-based.

Options:
  --from NOTE        resolve the link as written in this note (default: from the vault root)
  --json             print the card as JSON
${engineOptionsHelp}
  -h, --help         show this help`,
  options: { ...engineOptions, from: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const linktext = args.positionals.join(' ').trim().replace(/^\[\[|\]\]$/g, '').split('|')[0]!.trim();
    if (!linktext) throw new CliError('card: missing <note path or link text>.', USAGE_EXIT);
    const index = await openIndexFor(args, io, { sync: true });
    try {
      const engine = engineOf(index);
      const fromOption = stringOption(args, 'from');
      const from = fromOption ? findNote(engine, fromOption) : '';
      const card = await conceptCard(engine, linktext.replace(/\.md$/i, ''), from);
      if (flag(args, 'json')) io.out(JSON.stringify(oneBased(card)));
      else if (card.kind === 'note') printNote(io, card);
      else printUnresolved(io, card);
      return 0;
    } finally {
      await index.close();
    }
  },
};

/** Lines as editors show them (the core keeps 0-based editor lines). */
function oneBased(card: ConceptCard): ConceptCard {
  const shift = <T extends { line: number }>(x: T): T => ({ ...x, line: x.line + 1 });
  if (card.kind === 'unresolved') return { ...card, covering: card.covering.map((c) => ({ ...c, passage: c.passage && shift(c.passage) })) };
  return {
    ...card,
    definition: card.definition && shift(card.definition),
    section: card.section && shift(card.section),
    highlights: card.highlights.map(shift),
  };
}

const SOURCE_TEXT = { definition: 'definition', highlight: 'first highlight', paragraph: 'first paragraph' } as const;

function printNote(io: CliIo, card: NoteCard): void {
  const tags = card.tags.length > 0 ? `, ${card.tags.join(' ')}` : '';
  io.out(`${card.title}  (${card.path}, ${card.backlinks} backlink${card.backlinks === 1 ? '' : 's'}${tags})`);
  if (card.aliases.length > 0) io.out(`Also: ${card.aliases.join(', ')}`);
  const d = card.definition;
  if (d) io.out(`${d.calloutTitle ?? SOURCE_TEXT[d.source]} (line ${d.line + 1}): ${d.text}`);
  else io.out('(the note is empty)');
  if (card.section) io.out(`Section ${card.section.heading ?? ''} (line ${card.section.line + 1}): ${card.section.text}`);
  if (card.highlights.length > 0) {
    io.out('Highlights:');
    for (const h of card.highlights) io.out(`  - ${h.text}  (line ${h.line + 1})`);
  }
  if (card.related.length > 0) io.out(`Related: ${card.related.map((r) => `${r.title}${r.linked ? '' : ' (not linked)'}`).join(', ')}`);
}

function printUnresolved(io: CliIo, card: UnresolvedCard): void {
  io.out(`[[${card.linkpath}]] does not exist yet.`);
  if (card.covering.length === 0) io.out('No note covers it yet.');
  else io.out('Notes that already cover it:');
  for (const c of card.covering) {
    io.out(`  - ${c.path}${c.linksToIt ? '  (links to it)' : ''}`);
    if (c.passage) io.out(`    ${c.passage.heading ? `${c.passage.heading}, ` : ''}line ${c.passage.line + 1}: ${c.passage.snippet}`);
  }
  io.out('');
  io.out(`"Create note" would write ${card.linkpath}.md:`);
  for (const line of draftNote(card.linkpath, card.covering, (p) => `[[${p.replace(/\.md$/i, '')}]]`).trimEnd().split('\n')) io.out(`  ${line}`);
}
