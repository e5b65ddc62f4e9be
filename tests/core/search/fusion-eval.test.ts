/**
 * Fusion comparison on real notes (production parser + chunker, the real transformers.js
 * embedder with the GloVe PT-EN fixture model): the labelled questions of tests/eval over
 * the example and help vaults, plus this package's own help-vault questions. Prints the
 * tables (see the report and searcher.ts) and checks that the default fusion beats RRF.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Indexer } from '../../../src/core/index';
import { DEFAULT_FUSION, evaluateSearch, type EvalQuestion, type Searcher } from '../../../src/core/search';
import { compare, indexFolder, table } from '../../helpers/eval-harness';
import { GloveEmbedder } from '../../helpers/glove-embedder';
import { repoRoot, sharedPath } from '../../helpers/shared';

/** Measurements go to stdout for the report (vitest shows it). */
const report = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const OWN_QUESTIONS: EvalQuestion[] = [
  { question: 'esconder seções de uma nota longa', expected: ['Edição e formatação/Dobramento.md'] },
  { question: 'editar em vários lugares ao mesmo tempo', expected: ['Edição e formatação/Múltiplos cursores.md'] },
  { question: 'mudar a regiao do servidor do sync', expected: ['Obsidian Sync/Regiões do Sync.md'] },
  { question: 'trocar a aparencia com um tema', expected: ['Estendendo o Obsidian/Temas.md'] },
  { question: 'importar notas do evernote', expected: ['Importar notas/Importar do Evernote.md'] },
  { question: 'executar um comando pelo teclado', expected: ['Plugin/Paleta de comandos.md'] },
  { question: 'abrir uma nota aleatória', expected: ['Plugin/Nota aleatória.md'] },
  { question: 'contar quantas palavras tem a nota', expected: ['Plugin/Contagem de palavras.md'] },
  { question: 'gravar áudio dentro da nota', expected: ['Plugin/Gravador de áudio.md'] },
  { question: 'apresentação de slides a partir de uma nota', expected: ['Plugin/Apresentações.md'] },
  { question: 'juntar duas notas em uma só', expected: ['Plugin/Compositor de notas.md'] },
  { question: 'notas de rodape', expected: ['Plugin/Visualização de notas de rodapé.md'] },
  { question: 'abrir o obsidian por um link vindo de outro aplicativo', expected: ['Estendendo o Obsidian/Obsidian URI.md'] },
  { question: 'licença para apoiar o desenvolvimento com acesso antecipado', expected: ['Licenças e pagamento/Licença Catalyst.md'] },
];

interface LabelledQuestion extends EvalQuestion {
  vault: 'example' | 'help-pt-br';
}

const labelled = JSON.parse(fs.readFileSync(path.join(repoRoot, 'tests/eval/questions.json'), 'utf8')) as LabelledQuestion[];

describe('fusion on real vaults (glove-pt-en-100d)', () => {
  const searchers: Record<string, { searcher: Searcher; indexer: Indexer }> = {};

  beforeAll(async () => {
    const embedder = await GloveEmbedder.create('glove-pt-en-100d');
    searchers.example = await indexFolder(path.join(repoRoot, 'examples/vault'), embedder);
    searchers['help-pt-br'] = await indexFolder(sharedPath('vaults', 'obsidian-help-pt-br'), embedder);
  });

  const sets: [string, string, () => EvalQuestion[]][] = [
    ['tests/eval, example vault', 'example', () => labelled.filter((q) => q.vault === 'example')],
    ['tests/eval, help vault', 'help-pt-br', () => labelled.filter((q) => q.vault === 'help-pt-br')],
    ['own questions, help vault', 'help-pt-br', () => OWN_QUESTIONS],
  ];

  it.each(sets)('%s: the default fusion ranks better than the alternative', async (name, vault, questions) => {
    const { searcher, indexer } = searchers[vault]!;
    for (const q of questions()) for (const e of q.expected) expect(indexer.state.note(e), e).toBeDefined();
    const scores = await compare(searcher, questions());
    report(table(`${name} (${questions().length} questions)`, scores));
    const byName = Object.fromEntries(scores.map((s) => [s.name, s]));
    const alternative = DEFAULT_FUSION === 'rrf' ? byName['hybrid weighted 0.5']! : byName['hybrid rrf']!;
    const chosen = await evaluateSearch(searcher, questions(), { mode: 'hybrid' });
    expect(chosen.mrr).toBeGreaterThan(alternative.mrr);
    expect(chosen.recall[10]).toBeGreaterThanOrEqual(0.75);
  });
});
