/** The fixed sentences an answer may say in the user's language. */
import type { Lang } from './types';

export function notFoundMessage(lang: Lang): string {
  return lang === 'pt'
    ? 'Suas notas não parecem conter a resposta para esta pergunta.'
    : "Your notes don't seem to contain the answer to this question.";
}
