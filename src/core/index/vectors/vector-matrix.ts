/**
 * All chunk vectors of an index in one contiguous int8 block (row-major, rows padded to
 * `stride`), with one float scale per row. Rows are dense: removing a row moves the last
 * row into its place, so a scan never skips holes. When WebAssembly SIMD is available the
 * block lives inside the kernel's memory and is scored without copying.
 */
import { strideFor, type QuantizedVector } from './quantize';
import { instantiateDotKernel, type DotsFunction } from './wasm-dot-kernel';

const PAGE = 65536;

export type KernelChoice = 'auto' | 'wasm' | 'js';

export class VectorMatrix {
  readonly dims: number;
  readonly stride: number;
  private rows = 0;
  private capacity = 0;
  private memory: WebAssembly.Memory | null = null;
  private buffer: ArrayBuffer = new ArrayBuffer(0);
  private bytes = new Int8Array(0);
  private scales = new Float32Array(0);
  private dots: DotsFunction | null = null;
  readonly kernel: 'wasm' | 'js';

  constructor(dims: number, options: { kernel?: KernelChoice; initialCapacity?: number } = {}) {
    if (!Number.isInteger(dims) || dims <= 0) throw new Error(`VectorMatrix: dims must be a positive integer, got ${dims}`);
    this.dims = dims;
    this.stride = strideFor(dims);
    const choice = options.kernel ?? 'auto';
    if (choice !== 'js') {
      try {
        const memory = new WebAssembly.Memory({ initial: 1 });
        const dots = instantiateDotKernel(memory);
        if (dots) {
          this.memory = memory;
          this.dots = dots;
        }
      } catch {
        this.memory = null;
      }
      if (!this.dots && choice === 'wasm') throw new Error('VectorMatrix: WebAssembly SIMD is not available here');
    }
    this.kernel = this.dots ? 'wasm' : 'js';
    this.reserve(Math.max(16, options.initialCapacity ?? 0));
  }

  get size(): number {
    return this.rows;
  }

  /** Bytes held for vectors (int8 block and scales), for the status view. */
  get memoryBytes(): number {
    return this.capacity * (this.stride + 4);
  }

  add(vector: QuantizedVector): number {
    if (this.rows === this.capacity) this.reserve(this.capacity * 2);
    const row = this.rows++;
    this.write(row, vector);
    return row;
  }

  /**
   * Removes `row` by moving the last row into it. Returns the index the moved row had
   * (so the caller can update its bookkeeping), or -1 when `row` was the last one.
   */
  remove(row: number): number {
    this.check(row);
    const last = --this.rows;
    if (row === last) return -1;
    const stride = this.stride;
    this.bytes.copyWithin(row * stride, last * stride, last * stride + stride);
    this.scales[row] = this.scales[last] as number;
    return last;
  }

  /** A copy of one row. */
  get(row: number): QuantizedVector {
    this.check(row);
    const start = row * this.stride;
    return { values: this.bytes.slice(start, start + this.stride), scale: this.scales[row] as number };
  }

  /**
   * Approximate cosine of every row with a quantized query (both sides int8), in row order.
   * The returned array is reused by the next call: read it before scoring again.
   */
  scoreAll(query: QuantizedVector): Float32Array {
    const rows = this.rows;
    const stride = this.stride;
    const queryOffset = this.capacity * stride;
    const outOffset = queryOffset + stride;
    this.bytes.set(query.values.subarray(0, stride), queryOffset);
    const dots = new Int32Array(this.buffer, outOffset, rows);
    if (this.dots) {
      this.dots(queryOffset, 0, rows, stride, outOffset);
    } else {
      scoreAllJs(this.bytes, queryOffset, rows, stride, dots);
    }
    // Reinterpret the int32 dot products in place as float scores.
    const scores = new Float32Array(this.buffer, outOffset, rows);
    const scales = this.scales;
    const queryScale = query.scale;
    for (let r = 0; r < rows; r++) scores[r] = (dots[r] as number) * (scales[r] as number) * queryScale;
    return scores;
  }

  /** Dot product of a float query with one stored row: more precise than `scoreAll`, for re-ranking. */
  dotFloat(row: number, query: Float32Array): number {
    const start = row * this.stride;
    const bytes = this.bytes;
    let sum = 0;
    for (let i = 0; i < this.dims; i++) sum += (query[i] as number) * (bytes[start + i] as number);
    return sum * (this.scales[row] as number);
  }

  private write(row: number, vector: QuantizedVector): void {
    const stride = this.stride;
    const values = vector.values;
    if (values.length < this.dims) {
      throw new Error(`VectorMatrix: vector has ${values.length} values, expected ${this.dims}`);
    }
    const start = row * stride;
    this.bytes.set(values.length <= stride ? values : values.subarray(0, stride), start);
    if (values.length < stride) this.bytes.fill(0, start + values.length, start + stride);
    this.scales[row] = vector.scale;
  }

  private check(row: number): void {
    if (!Number.isInteger(row) || row < 0 || row >= this.rows) {
      throw new Error(`VectorMatrix: row ${row} is out of range (0..${this.rows - 1})`);
    }
  }

  /**
   * Makes room for `capacity` rows (a load reserves all at once instead of doubling its way up).
   * Layout: [capacity × stride matrix][stride query][capacity × 4 scores]. The matrix prefix never moves.
   */
  reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    const needed = capacity * this.stride + this.stride + capacity * 4;
    if (this.memory) {
      const have = this.memory.buffer.byteLength;
      if (needed > have) this.memory.grow(Math.ceil((needed - have) / PAGE));
      this.buffer = this.memory.buffer;
      this.bytes = new Int8Array(this.buffer);
    } else {
      const buffer = new ArrayBuffer(needed);
      const bytes = new Int8Array(buffer);
      bytes.set(this.bytes.subarray(0, this.rows * this.stride));
      this.buffer = buffer;
      this.bytes = bytes;
    }
    const scales = new Float32Array(capacity);
    scales.set(this.scales.subarray(0, this.rows));
    this.scales = scales;
    this.capacity = capacity;
  }
}

/** The fallback loop, 4-way unrolled (stride is a multiple of 16). */
function scoreAllJs(bytes: Int8Array, queryOffset: number, rows: number, stride: number, out: Int32Array): void {
  for (let r = 0; r < rows; r++) {
    const offset = r * stride;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let i = 0; i < stride; i += 4) {
      s0 += (bytes[queryOffset + i] as number) * (bytes[offset + i] as number);
      s1 += (bytes[queryOffset + i + 1] as number) * (bytes[offset + i + 1] as number);
      s2 += (bytes[queryOffset + i + 2] as number) * (bytes[offset + i + 2] as number);
      s3 += (bytes[queryOffset + i + 3] as number) * (bytes[offset + i + 3] as number);
    }
    out[r] = s0 + s1 + s2 + s3;
  }
}
