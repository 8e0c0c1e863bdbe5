/**
 * One analysis's typed arrays, carved out of a few large buffers.
 *
 * Why: V8 counts every ArrayBuffer as external memory and starts a full (mark-compact) collection each
 * time external memory grows by a fixed step (64 MB) since the last one. A full collection marks the
 * whole heap — for a million-transaction history, over a gigabyte of history records — so an analysis
 * allocating its arrays one by one paid for several such marks, time growing with the square of the
 * history. Carving the arrays out of buffers that double in size keeps that to a handful, whatever the
 * size. The price: an array's memory is returned only when the whole arena is dropped, with the
 * analysis.
 */

/** A bump allocator of typed arrays. */
export class Arena {
  private buf: ArrayBuffer;
  private used = 0;

  /** An arena whose first buffer holds `bytes` (more buffers are added, each twice the last, as needed). */
  constructor(bytes: number) {
    this.buf = new ArrayBuffer(Math.max(4096, Math.ceil(bytes / 8) * 8));
  }

  private take(bytes: number): [ArrayBuffer, number] {
    const size = Math.ceil(bytes / 8) * 8;
    if (this.used + size > this.buf.byteLength) {
      this.buf = new ArrayBuffer(Math.max(size, this.buf.byteLength * 2));
      this.used = 0;
    }
    const at = this.used;
    this.used += size;
    return [this.buf, at];
  }

  /** A zeroed Int32Array of `n` elements. */
  i32(n: number): Int32Array {
    const [b, at] = this.take(n * 4);
    return new Int32Array(b, at, n);
  }

  /** A zeroed Uint16Array of `n` elements. */
  u16(n: number): Uint16Array {
    const [b, at] = this.take(n * 2);
    return new Uint16Array(b, at, n);
  }

  /** A zeroed Uint8Array of `n` elements. */
  u8(n: number): Uint8Array {
    const [b, at] = this.take(n);
    return new Uint8Array(b, at, n);
  }
}
