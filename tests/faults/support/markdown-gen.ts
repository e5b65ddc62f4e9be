/**
 * Random but realistic Obsidian notes for the fault tests: frontmatter, headings, callouts,
 * lists, wikilinks, tags, code, paragraphs shared between notes (so vectors are reused by
 * content hash) and repeated inside a note (so chunk ids get `~n` suffixes). English words
 * the GloVe fixture knows, with some Portuguese so language detection varies.
 */
import type { Prng } from './prng';

const WORDS = (
  'river mountain music garden history science network memory language ocean forest city ' +
  'engine question answer vector search index note link graph paper letter window market ' +
  'teacher student energy light shadow water fire stone bridge road travel summer winter ' +
  'coffee bread kitchen recipe chocolate cake learning model transfer training data signal ' +
  'planet star orbit theory proof number table chair house family friend story library'
).split(' ');
const PT_WORDS = 'notas modelo aprendizado transferência definição busca vetores grafo receita bolo memória rede'.split(' ');
const NAMES = [
  'Alpha', 'Beta', 'Gamma', 'River notes', 'Café', 'Transferência', 'Ideas', 'Reading list', 'Vector search',
  'Garden plan', 'Music theory', 'Ocean', 'Orbit', 'Kitchen', 'Graph', 'Memory', 'Bridge', 'Winter trip',
];
const FOLDERS = ['', 'Projects/', 'Daily/', 'Areas/Deep/', 'Ideias/'];
const CALLOUTS = ['note', 'info', 'tip', 'warning', 'abstract', 'definition'];

/** Paragraphs several notes share, verbatim. */
export const SHARED_PARAGRAPHS = [
  'The river runs past the old stone bridge into the ocean.',
  'Transfer learning reuses a trained model for a new question.',
  'Notas ligadas formam um grafo de memória.',
  'Chocolate cake recipe with bread flour and coffee.',
];

/** Queries whose lexical results must match between an incremental index and a rebuild. */
export const PROBE_QUERIES = [
  'river bridge', 'transfer learning model', 'chocolate cake', 'notas grafo', 'music theory', 'vector search index',
  'winter travel', 'planet orbit star', 'Alpha', 'garden', 'definição', 'teacher student library',
];

/** Every note path the generator may use (a small pool, so paths are reused after deletes and renames). */
export const NOTE_PATHS: readonly string[] = FOLDERS.flatMap((folder) => NAMES.map((name) => `${folder}${name}.md`));

export function sentence(rng: Prng, min = 4, max = 14): string {
  const words: string[] = [];
  const n = rng.int(min, max);
  for (let i = 0; i < n; i++) words.push(rng.chance(0.12) ? rng.pick(PT_WORDS) : rng.pick(WORDS));
  const text = words.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function paragraph(rng: Prng): string {
  if (rng.chance(0.15)) return rng.pick(SHARED_PARAGRAPHS);
  const sentences: string[] = [];
  for (let i = rng.int(1, 4); i > 0; i--) sentences.push(sentence(rng));
  let text = sentences.join(' ');
  if (rng.chance(0.3)) text += ` See [[${rng.pick(NAMES)}]].`;
  if (rng.chance(0.2)) text += ` #${rng.pick(WORDS)}`;
  if (rng.chance(0.1)) text += ` ==${rng.pick(WORDS)} ${rng.pick(WORDS)}==`;
  return text;
}

/** One Markdown block (no blank lines inside, so a note is its blocks joined by blank lines). */
export function block(rng: Prng): string {
  const kind = rng.weighted([
    [6, 'paragraph'],
    [2, 'heading'],
    [1, 'callout'],
    [1, 'list'],
    [0.5, 'code'],
  ] as const);
  switch (kind) {
    case 'heading':
      return `${'#'.repeat(rng.int(1, 3))} ${rng.pick(WORDS)} ${rng.pick(WORDS)}`;
    case 'callout':
      return `> [!${rng.pick(CALLOUTS)}] ${rng.pick(WORDS)}\n> ${sentence(rng)}\n> ${sentence(rng)}`;
    case 'list':
      return Array.from({ length: rng.int(2, 4) }, () => `- ${sentence(rng, 2, 6)}${rng.chance(0.3) ? ` [[${rng.pick(NAMES)}]]` : ''}`).join('\n');
    case 'code':
      return '```js\nconst value = 42;\n```';
    default:
      return paragraph(rng);
  }
}

export function noteText(rng: Prng): string {
  const blocks: string[] = [];
  if (rng.chance(0.3)) {
    const fm = ['---', `tags: [${rng.pick(WORDS)}, ${rng.pick(WORDS)}]`];
    if (rng.chance(0.5)) fm.push(`aliases: [${rng.pick(WORDS)} ${rng.pick(WORDS)}]`);
    fm.push('---');
    blocks.push(fm.join('\n'));
  }
  const n = rng.int(1, 7);
  for (let i = 0; i < n; i++) blocks.push(block(rng));
  // Sometimes the same paragraph twice in one note.
  if (rng.chance(0.1)) blocks.push(blocks[blocks.length - 1]!);
  return `${blocks.join('\n\n')}\n`;
}

/** A small edit: one block replaced, one added, or one removed (when there is more than one). */
export function editText(rng: Prng, text: string): string {
  const blocks = text.trimEnd().split('\n\n');
  const i = rng.int(0, blocks.length - 1);
  const action = blocks.length > 1 ? rng.pick(['replace', 'add', 'remove'] as const) : rng.pick(['replace', 'add'] as const);
  if (action === 'replace') blocks[i] = block(rng);
  else if (action === 'add') blocks.splice(i + 1, 0, block(rng));
  else blocks.splice(i, 1);
  return `${blocks.join('\n\n')}\n`;
}
