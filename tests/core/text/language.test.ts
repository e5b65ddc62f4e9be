import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../src/core/text';

describe('detectLanguage', () => {
  it('recognises Portuguese prose', () => {
    expect(detectLanguage('A transferência de aprendizado é uma técnica em que um modelo treinado para uma tarefa é reaproveitado como ponto de partida para outra.')).toBe('pt');
  });

  it('recognises English prose', () => {
    expect(detectLanguage('Transfer learning is a technique in which a model trained on one task is reused as the starting point for another task.')).toBe('en');
  });

  it('does not guess from too little text', () => {
    expect(detectLanguage('Embeddings')).toBe('both');
    expect(detectLanguage('')).toBe('both');
  });

  it('calls a half-and-half text mixed', () => {
    expect(detectLanguage('The note is in the vault and it is for you. A nota está no cofre e é para você, com isso.')).toBe('both');
  });
});
