/** Shapes shared by the "Ask my notes" answer pipeline (question → sources → answer → citations). */
import type { Passage } from '../retrieval/types';

export type Lang = 'pt' | 'en';

export type QuestionKind = 'definition' | 'explanation' | 'howto' | 'other';

export interface QuestionAnalysis {
  /** The question as asked. */
  text: string;
  lang: Lang;
  kind: QuestionKind;
  /** What a definition/explanation question is about, as typed, without articles or punctuation ("RAG"). */
  concept?: string;
  /** Content words of the question, lower-cased, accents kept, stopwords dropped, in order, unique. */
  terms: string[];
}

/** Where a source lives, in the form a wikilink and the "open note at line" action need. */
export interface Citation {
  path: string;
  title: string;
  /** Last heading of the passage's trail, as written in the note. */
  heading?: string;
  blockId?: string;
  /** 0-based first line of the passage in the note (editor coordinates). */
  line: number;
  /** Wikilink target: `Title#Heading`, `Title#^blockid` or `Title`. */
  linktext: string;
}

/** A passage as shown to the answerer, numbered `[n]` in rank order from 1. */
export interface NumberedSource {
  n: number;
  passage: Passage;
  citation: Citation;
}

/** One citation as listed under an answer. */
export interface AnswerCitation extends Citation {
  n: number;
}

export interface AnswerSentence {
  /** The sentence as the note wrote it, without the `[n]` marker. */
  text: string;
  source: number;
}

export interface ExtractiveAnswer {
  mode: 'extractive';
  /** Markdown with `[n]` markers; the "not found" message when `found` is false. */
  answer: string;
  sentences: AnswerSentence[];
  citations: AnswerCitation[];
  found: boolean;
}

/** A sentence of a generated answer that carries no valid citation, as offsets into the cleaned answer. */
export interface UncitedRange {
  text: string;
  start: number;
  end: number;
}

export interface CitationCheck {
  /** The answer with invalid markers removed and every marker written as `[n]` (`[1, 2]` becomes `[1][2]`). */
  answer: string;
  /** Valid source numbers cited, in first-use order. */
  used: number[];
  /** Cited numbers that are not among the sources, ascending. */
  invalid: number[];
  uncited: UncitedRange[];
  uncitedSentences: string[];
}
