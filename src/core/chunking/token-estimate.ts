/**
 * Estimates how many word pieces a subword tokenizer produces, without loading one.
 * Calibrated on the XLM-R style tokenizers the default model uses, where Portuguese
 * and English prose averages about 1.3–1.6 pieces per word: short words are one
 * piece, longer ones split roughly every seven characters, and every punctuation or
 * symbol character is its own piece. An exact counter can be injected instead.
 */
export type TokenCounter = (text: string) => number;

const WORD_OR_SYMBOL = /[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;

export const estimateTokens: TokenCounter = (text) => {
  let pieces = 0;
  for (const match of text.matchAll(WORD_OR_SYMBOL)) {
    const token = match[0];
    pieces += token.length === 1 ? 1 : 1 + Math.floor((token.length - 1) / 7);
  }
  return pieces;
};
