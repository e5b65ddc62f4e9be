/**
 * Hand-written passages in the style of the user's notes (Portuguese concept notes that open with a
 * `> [!info] Definição` callout, then explain and give examples), plus English notes. As retrieval
 * hands them over: plain text, callout title on its own first line, one paragraph per line.
 */
import type { Passage } from '../../../src/core/retrieval/types';
import type { ChunkKind } from '../../../src/core/chunking/types';

let counter = 0;

export function passage(fields: {
  path: string;
  headingTrail?: string[];
  kind?: ChunkKind;
  text: string;
  score?: number;
  startLine?: number;
  blockId?: string;
}): Passage {
  counter += 1;
  const title = fields.path.replace(/^.*\//, '').replace(/\.md$/, '');
  const lines = fields.text.split('\n').length;
  const startLine = fields.startLine ?? 4;
  const result: Passage = {
    chunkId: `${fields.path}#${counter.toString(16).padStart(16, '0')}`,
    path: fields.path,
    title,
    headingTrail: fields.headingTrail ?? [title],
    startLine,
    endLine: startLine + lines - 1,
    kind: fields.kind ?? 'section',
    text: fields.text,
    score: fields.score ?? 0.5,
    highlights: [],
    links: [],
  };
  if (fields.blockId) result.blockId = fields.blockId;
  return result;
}

export const transferDefinition = passage({
  path: 'IA/Transfer Learning.md',
  kind: 'definition',
  startLine: 5,
  score: 0.71,
  text: 'Definição\nTransfer learning, ou aprendizado por transferência, é a técnica de reaproveitar o que um modelo aprendeu ao ser treinado para uma tarefa e usar esse conhecimento em outra tarefa parecida.',
});

export const transferPractice = passage({
  path: 'IA/Transfer Learning.md',
  startLine: 8,
  score: 0.66,
  text: [
    'Na prática, parte-se de um modelo pré-treinado com um grande volume de texto e ajustam-se os seus pesos usando poucos exemplos rotulados da nova tarefa.',
    'Isso poupa horas de treinamento e diminui bastante a quantidade de dados anotados de que o projeto precisa.',
    'Um caso típico é adaptar um modelo de linguagem para separar mensagens de suporte em urgentes e não urgentes.',
  ].join('\n'),
});

export const ragDefinition = passage({
  path: 'IA/RAG (Retrieval Augmented Generation).md',
  kind: 'definition',
  startLine: 5,
  score: 0.52,
  text: 'Definição\nRAG é uma abordagem que junta a busca de trechos relevantes numa coleção de documentos com a geração de texto por um LLM, para que a resposta se apoie nas fontes consultadas.',
});

export const ragSteps = passage({
  path: 'IA/RAG (Retrieval Augmented Generation).md',
  headingTrail: ['RAG (Retrieval Augmented Generation)', 'RAG: como funciona'],
  startLine: 12,
  score: 0.5,
  text: [
    'Primeiro, a pergunta vira um vetor que é comparado com os vetores dos documentos indexados.',
    'Os trechos mais parecidos entram no prompt junto com a pergunta.',
    'Por fim, o modelo redige a resposta usando esses trechos como contexto, p.ex. citando a nota de origem.',
  ].join('\n'),
});

export const llmDefinition = passage({
  path: 'IA/Large Language Model.md',
  kind: 'definition',
  startLine: 3,
  score: 0.45,
  text: 'Definição\nUm Large Language Model é um modelo de linguagem com bilhões de parâmetros, treinado em coleções enormes de texto para prever a próxima palavra.',
});

export const llmSection = passage({
  path: 'IA/Large Language Model.md',
  startLine: 4,
  score: 0.48,
  text: [
    'Modelos de linguagem de grande porte são redes neurais com bilhões de parâmetros, treinadas em coleções enormes de texto.',
    'Alguns exemplos conhecidos:',
    'GPT, da OpenAI',
    'Gemini, do Google',
    'Llama, da Meta',
    'Formas de melhorar as respostas de um LLM:',
    'RAG (Retrieval Augmented Generation)',
    'Ajuste fino com dados do domínio',
  ].join('\n'),
});

export const breadNote = passage({
  path: 'Culinária/Pão de fermentação natural.md',
  startLine: 3,
  score: 0.2,
  text: 'O levain precisa ser alimentado com farinha e água a cada doze horas.\nA massa descansa na geladeira durante a noite para ganhar sabor.',
});

export const attentionDefinition = passage({
  path: 'ML/Attention mechanism.md',
  kind: 'definition',
  startLine: 6,
  score: 0.8,
  text: 'Definition\nAttention is a mechanism that lets a neural network weigh every part of its input when producing each output, instead of squeezing the whole input into one fixed vector.',
});

export const attentionDetails = passage({
  path: 'ML/Attention mechanism.md',
  headingTrail: ['Attention mechanism', 'Queries, keys and values'],
  startLine: 10,
  score: 0.74,
  blockId: 'qkv',
  text: [
    'In a transformer, every token builds a query, a key and a value.',
    'The similarity between one query and all the keys decides how much of each value flows into the output. Multi-head attention runs several of these in parallel, e.g. one head may follow syntax while another follows coreference.',
  ].join('\n'),
});

export const transformerNote = passage({
  path: 'ML/Transformer.md',
  startLine: 3,
  score: 0.6,
  text: 'The transformer architecture appeared in 2017 and relies on attention alone, with no recurrence. It reads all tokens of a sequence at once, which made training on very large corpora practical.',
});
