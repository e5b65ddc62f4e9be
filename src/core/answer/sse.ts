/**
 * Incremental parser for Server-Sent Events (the WHATWG `text/event-stream` format) that accepts the
 * body in pieces split anywhere: inside a line, between `\r` and `\n`, inside a UTF-8 character.
 */

export interface SseEvent {
  /** `event:` field, or 'message' when absent. */
  event: string;
  /** `data:` lines joined with '\n'. */
  data: string;
  /** Last `id:` seen so far in the stream, '' when none. */
  id: string;
  /** `retry:` value in ms when the event carried one. */
  retry?: number;
}

export class SseParser {
  private readonly decoder = new TextDecoder('utf-8');
  /** Text of the line being read, not yet ended by a line break. */
  private line = '';
  /** A chunk ended in '\r': if the next one starts with '\n', that '\n' belongs to the same break. */
  private pendingCr = false;
  private data: string[] = [];
  private hasData = false;
  private eventType = '';
  private lastId = '';
  private retry: number | undefined;
  private started = false;

  /** Feeds the next piece of the body; returns the events it completes, in order. */
  push(chunk: Uint8Array | string): SseEvent[] {
    let text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    if (!this.started && text.length > 0) {
      // A byte-order mark at the very start of the stream is not part of the first field.
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.started = true;
    }
    return this.consume(text);
  }

  /**
   * Ends the stream. The spec drops an event that was not followed by a blank line; servers that
   * close right after the last `data:` line are common enough that it is dispatched instead.
   */
  end(): SseEvent[] {
    const events = this.consume(this.decoder.decode());
    if (this.line.length > 0) this.processLine(this.takeLine());
    const last = this.dispatch();
    if (last) events.push(last);
    return events;
  }

  private consume(text: string): SseEvent[] {
    const events: SseEvent[] = [];
    let i = 0;
    if (this.pendingCr && text.length > 0) {
      if (text.charAt(0) === '\n') i = 1;
      this.pendingCr = false;
    }
    while (i < text.length) {
      const cr = text.indexOf('\r', i);
      const lf = text.indexOf('\n', i);
      const brk = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
      if (brk === -1) {
        this.line += text.slice(i);
        break;
      }
      this.line += text.slice(i, brk);
      i = brk + 1;
      if (text.charAt(brk) === '\r') {
        if (i < text.length) {
          if (text.charAt(i) === '\n') i++;
        } else {
          this.pendingCr = true;
        }
      }
      const line = this.takeLine();
      if (line === '') {
        const event = this.dispatch();
        if (event) events.push(event);
      } else {
        this.processLine(line);
      }
    }
    return events;
  }

  private takeLine(): string {
    const line = this.line;
    this.line = '';
    return line;
  }

  private processLine(line: string): void {
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        this.hasData = true;
        break;
      case 'event':
        this.eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
      default:
        break;
    }
  }

  private dispatch(): SseEvent | undefined {
    const hasData = this.hasData;
    const event: SseEvent = { event: this.eventType || 'message', data: this.data.join('\n'), id: this.lastId };
    if (this.retry !== undefined) event.retry = this.retry;
    this.data = [];
    this.hasData = false;
    this.eventType = '';
    this.retry = undefined;
    return hasData ? event : undefined;
  }
}

/** Serialises events as a server would (for tests and the fake server); `data` lines split at '\n'. */
export function formatSseEvent(event: { data: string; event?: string; id?: string }): string {
  let out = '';
  if (event.event) out += `event: ${event.event}\n`;
  if (event.id !== undefined) out += `id: ${event.id}\n`;
  for (const line of event.data.split('\n')) out += `data: ${line}\n`;
  return `${out}\n`;
}
