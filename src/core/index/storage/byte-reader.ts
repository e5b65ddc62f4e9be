/** Bounds-checked reader for `ByteWriter` output; any overrun is a `CorruptDataError`, never a crash. */

const decoder = new TextDecoder('utf-8', { fatal: true });


const NO_STRINGS: readonly string[] = Object.freeze([]);

export class CorruptDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorruptDataError';
  }
}

export class ByteReader {
  private offset: number;
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly label: string,
    start = 0,
    private readonly end = bytes.length,
  ) {
    this.offset = start;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get position(): number {
    return this.offset;
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.offset++] as number;
  }

  u32(): number {
    this.need(4);
    const value = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return value;
  }

  f32(): number {
    this.need(4);
    const value = this.view.getFloat32(this.offset, true);
    this.offset += 4;
    return value;
  }

  f64(): number {
    this.need(8);
    const value = this.view.getFloat64(this.offset, true);
    this.offset += 8;
    return value;
  }

  varint(): number {
    let result = 0;
    let multiplier = 1;
    for (let i = 0; i < 8; i++) {
      const byte = this.u8();
      result += (byte & 0x7f) * multiplier;
      if ((byte & 0x80) === 0) return result;
      multiplier *= 0x80;
    }
    throw this.error('varint longer than 8 bytes');
  }

  /** A count that must fit in what is left (each item takes at least `minItemBytes`). */
  count(minItemBytes = 1): number {
    const n = this.varint();
    if (n * minItemBytes > this.remaining) throw this.error(`count ${n} exceeds the remaining ${this.remaining} bytes`);
    return n;
  }

  string(): string {
    const length = this.varint();
    this.need(length);
    try {
      const value = decoder.decode(this.bytes.subarray(this.offset, this.offset + length));
      this.offset += length;
      return value;
    } catch {
      throw this.error('invalid UTF-8 text');
    }
  }

  strings(): string[] {
    const n = this.count();
    // Most lists (embeds, highlights…) are empty: one shared frozen array spares an allocation per field.
    if (n === 0) return NO_STRINGS as string[];
    const values: string[] = [];
    for (let i = 0; i < n; i++) values.push(this.string());
    return values;
  }

  /** A view (not a copy) of the next `length` bytes. */
  raw(length: number): Uint8Array {
    this.need(length);
    const view = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return view;
  }

  error(message: string): CorruptDataError {
    return new CorruptDataError(`${this.label}: ${message} at byte ${this.offset}`);
  }

  private need(length: number): void {
    if (length < 0 || this.offset + length > this.end) {
      throw this.error(`unexpected end of data (need ${length} bytes, ${this.end - this.offset} left)`);
    }
  }
}
