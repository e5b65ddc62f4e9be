/**
 * Hides `<think>…</think>` reasoning that local reasoning models (Qwen3, DeepSeek-R1 through Ollama
 * or llama.cpp) put in the answer text: it is not the answer and carries no citations.
 */

const OPEN = '<think>';
const CLOSE = '</think>';

/** The answer without complete reasoning blocks, cut at an unfinished one. */
export function stripReasoning(text: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const open = text.indexOf(OPEN, i);
    if (open === -1) return out + text.slice(i);
    out += text.slice(i, open);
    const close = text.indexOf(CLOSE, open + OPEN.length);
    if (close === -1) return out;
    i = close + CLOSE.length;
  }
}

/**
 * Streaming version: given the text so far, returns only what can be shown now. Holds back a tail
 * that might be the start of `<think>` split across tokens.
 */
export class ReasoningFilter {
  private full = '';
  private shown = 0;

  /** Adds a token; returns the newly visible text ('' when nothing new can be shown yet). */
  push(token: string): string {
    this.full += token;
    let visible = stripReasoning(this.full);
    visible = visible.slice(0, visible.length - partialOpenTagLength(visible));
    // Trim the whitespace a model leaves after </think> before the answer starts.
    const start = visible.length - visible.trimStart().length;
    const fresh = visible.slice(Math.max(this.shown, start));
    this.shown = Math.max(this.shown, start) + fresh.length;
    return fresh;
  }

  /** The whole answer once the stream has ended. */
  text(): string {
    return stripReasoning(this.full).trim();
  }
}

function partialOpenTagLength(text: string): number {
  for (let n = Math.min(OPEN.length - 1, text.length); n > 0; n--) {
    if (OPEN.startsWith(text.slice(text.length - n))) return n;
  }
  return 0;
}
