/**
 * A note record's body: numbers in a byte stream, and all its strings (ids, texts, headings,
 * links…) in ONE UTF-8 block decoded with a single TextDecoder call and cut into substrings.
 * Decoding tens of small strings per chunk one by one dominated the index load time (each
 * call allocates a view and a string); this halves it. Layout:
 *
 *   varint text bytes | UTF-8 text of all strings, concatenated | field stream
 *
 * In the field stream a string is its length in UTF-16 code units (every code unit
 * round-trips as exactly one, lone surrogates included, so lengths stay aligned).
 */
import { ByteReader, CorruptDataError } from './byte-reader';
import { ByteWriter } from './byte-writer';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });
const NO_STRINGS: readonly string[] = Object.freeze([]);

export class NoteBodyWriter {
  private readonly fields = new ByteWriter(1024);
  private readonly pool: string[] = [];

  u8(value: number): void {
    this.fields.u8(value);
  }

  f32(value: number): void {
    this.fields.f32(value);
  }

  f64(value: number): void {
    this.fields.f64(value);
  }

  varint(value: number): void {
    this.fields.varint(value);
  }

  raw(bytes: Uint8Array): void {
    this.fields.raw(bytes);
  }

  string(value: string): void {
    this.fields.varint(value.length);
    this.pool.push(value);
  }

  strings(values: readonly string[]): void {
    this.fields.varint(values.length);
    for (const value of values) this.string(value);
  }

  writeTo(out: ByteWriter): void {
    const text = encoder.encode(this.pool.join(''));
    const body = new ByteWriter(text.length + this.fields.position + 10);
    body.varint(text.length);
    body.raw(text);
    body.raw(this.fields.peek());
    out.varint(body.position);
    out.raw(body.peek());
  }
}

export class NoteBodyReader {
  private readonly input: ByteReader;
  private readonly text: string;
  private cursor = 0;

  constructor(bytes: Uint8Array, label: string, start: number, end: number) {
    this.input = new ByteReader(bytes, label, start, end);
    const length = this.input.varint();
    this.text = decoder.decode(this.input.raw(length));
  }

  u8(): number {
    return this.input.u8();
  }

  f32(): number {
    return this.input.f32();
  }

  f64(): number {
    return this.input.f64();
  }

  varint(): number {
    return this.input.varint();
  }

  count(minItemBytes = 1): number {
    return this.input.count(minItemBytes);
  }

  raw(length: number): Uint8Array {
    return this.input.raw(length);
  }

  string(): string {
    const length = this.input.varint();
    const end = this.cursor + length;
    if (end > this.text.length) throw this.error(`string of ${length} characters overruns the text block`);
    const value = this.text.slice(this.cursor, end);
    this.cursor = end;
    return value;
  }

  strings(): string[] {
    const n = this.input.count();
    if (n === 0) return NO_STRINGS as string[];
    const values: string[] = [];
    for (let i = 0; i < n; i++) values.push(this.string());
    return values;
  }

  /** Throws unless every byte and every character was consumed. */
  finish(what: string): void {
    if (this.input.remaining !== 0 || this.cursor !== this.text.length) {
      throw this.error(`${what}: ${this.input.remaining} bytes and ${this.text.length - this.cursor} characters left over`);
    }
  }

  error(message: string): CorruptDataError {
    return this.input.error(message);
  }
}
