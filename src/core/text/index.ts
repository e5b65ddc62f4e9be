export { fold } from './fold';
export { tokenize, MAX_WORD_LENGTH } from './tokenize';
export { STOPWORDS } from './stopwords';
export { stemEnglish, stemPortuguese } from './stem';
export { detectLanguage, type StemLanguage } from './language';
export { analyze, analyzeQuery, contentWords } from './analyzer';
