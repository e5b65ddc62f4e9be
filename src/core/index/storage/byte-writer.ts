/** Growable little-endian byte buffer for the index's binary segments. */

const encoder = new TextEncoder();

export class ByteWriter {
  private bytes: Uint8Array;
  private view: DataView;
  private length = 0;

  constructor(initialCapacity = 4096) {
    this.bytes = new Uint8Array(initialCapacity);
    this.view = new DataView(this.bytes.buffer);
  }

  get position(): number {
    return this.length;
  }

  u8(value: number): void {
    this.ensure(1);
    this.bytes[this.length++] = value;
  }

  u32(value: number): void {
    this.ensure(4);
    this.view.setUint32(this.length, value, true);
    this.length += 4;
  }

  f32(value: number): void {
    this.ensure(4);
    this.view.setFloat32(this.length, value, true);
    this.length += 4;
  }

  f64(value: number): void {
    this.ensure(8);
    this.view.setFloat64(this.length, value, true);
    this.length += 8;
  }

  /** Unsigned LEB128, for counts and lengths (up to 2^53). */
  varint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`ByteWriter: varint needs a non-negative safe integer, got ${value}`);
    while (value >= 0x80) {
      this.u8((value % 0x80) | 0x80);
      value = Math.floor(value / 0x80);
    }
    this.u8(value);
  }

  string(value: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit. Encode past the longest possible
    // length prefix (5 bytes), write the prefix, then slide the text down behind it.
    const max = value.length * 3;
    this.ensure(max + 5);
    const scratchStart = this.length + 5;
    const { written } = encoder.encodeInto(value, this.bytes.subarray(scratchStart, scratchStart + max));
    this.varint(written);
    this.bytes.copyWithin(this.length, scratchStart, scratchStart + written);
    this.length += written;
  }

  strings(values: readonly string[]): void {
    this.varint(values.length);
    for (const value of values) this.string(value);
  }

  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** The written bytes (a copy trimmed to length). */
  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  /** The written bytes without copying; valid until the next write. */
  peek(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  private ensure(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.bytes.length) return;
    let capacity = this.bytes.length * 2;
    while (capacity < needed) capacity *= 2;
    const bytes = new Uint8Array(capacity);
    bytes.set(this.bytes.subarray(0, this.length));
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer);
  }
}
