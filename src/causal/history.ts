/**
 * A history prepared for the engine: ops numbered 0 … n-1 in the order given, per-op columns in typed
 * arrays, processes as program-ordered lists of op numbers, and reads-from resolved by value (the
 * history is differentiated: a value names its write). Everything the checks ask about an op is an
 * array read here.
 */
import type { HistoryOp, Value } from './types.js';

/** `rf` of a read of the initial value. */
export const INIT = -1;
/** `rf` of a read whose value no write wrote. */
export const THIN_AIR = -2;
/** `rf` of a write. */
export const NOT_READ = -3;

/** The prepared history. Op numbers are positions in the array given to `prepare`. */
export interface Prepared {
  n: number;
  /** Caller ids. */
  ids: number[];
  /** Per op: dense process number, position in its process, dense key number, 1 if a write. */
  proc: Int32Array;
  pos: Int32Array;
  key: Int32Array;
  isWrite: Uint8Array;
  /** Per read: the write it read from, or INIT / THIN_AIR; NOT_READ for writes. */
  rf: Int32Array;
  /** Per process: its ops in program order. */
  ops: Int32Array[];
  /** Caller's process id per dense process number; key names per dense key number. */
  processIds: number[];
  keys: string[];
  /** Per write: the reads that read from it (CSR: readers[readerStart[w] … readerStart[w+1])). */
  readerStart: Int32Array;
  readers: Int32Array;
  /**
   * The writes of each (key, writing process) pair — a "slot" — in flat arrays: key k's slots are
   * keySlots[k] … keySlots[k+1]-1, by increasing process; slot s belongs to process slotProc[s] and
   * its writes, in program order, are slotWrites[slotStart[s] … slotStart[s+1]-1].
   */
  keySlots: Int32Array;
  slotProc: Int32Array;
  slotStart: Int32Array;
  slotWrites: Int32Array;
}

/** The slot of process p's writes of key k, or -1 if it has none (binary search in k's slots). */
export function slotFor(h: Prepared, p: number, k: number): number {
  let lo = h.keySlots[k];
  let hi = h.keySlots[k + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (h.slotProc[mid] < p) lo = mid + 1;
    else hi = mid;
  }
  return lo < h.keySlots[k + 1] && h.slotProc[lo] === p ? lo : -1;
}

/** The last write of slot s (one process's writes of one key) at a position < count, or -1. */
export function lastBefore(h: Prepared, s: number, count: number): number {
  const ws = h.slotWrites;
  let lo = h.slotStart[s];
  const first = lo;
  let hi = h.slotStart[s + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (h.pos[ws[mid]] < count) lo = mid + 1;
    else hi = mid;
  }
  return lo === first ? -1 : ws[lo - 1];
}

/** The last write of key k by process p at a position < count, or -1. */
export function lastWriteBefore(h: Prepared, p: number, k: number, count: number): number {
  const s = slotFor(h, p, k);
  return s < 0 ? -1 : lastBefore(h, s, count);
}

function dense<T>(ids: Map<T, number>, list: T[], x: T): number {
  let d = ids.get(x);
  if (d === undefined) {
    d = list.length;
    ids.set(x, d);
    list.push(x);
  }
  return d;
}

/**
 * Prepares `ops`. Throws an Error naming the op if a write writes `null` or a value already written to
 * its key (the engine needs a differentiated history; callers validate their input first).
 */
export function prepare(ops: readonly HistoryOp[]): Prepared {
  const n = ops.length;
  const processIds: number[] = [];
  const keys: string[] = [];
  const procIds = new Map<number, number>();
  const keyIds = new Map<string, number>();
  const proc = new Int32Array(n);
  const pos = new Int32Array(n);
  const key = new Int32Array(n);
  const isWrite = new Uint8Array(n);
  const rf = new Int32Array(n).fill(NOT_READ);
  const perProc: number[][] = [];
  const writeOf: Map<Value, number>[] = [];
  for (let i = 0; i < n; i++) {
    const o = ops[i];
    const p = dense(procIds, processIds, o.process);
    const k = dense(keyIds, keys, o.key);
    (perProc[p] ??= []).push(i);
    proc[i] = p;
    pos[i] = perProc[p].length - 1;
    key[i] = k;
    if (o.kind === 'write') {
      isWrite[i] = 1;
      const byValue = (writeOf[k] ??= new Map());
      if (o.value === null) throw new Error(`op ${o.id}: writes null, which reads cannot tell from the initial value`);
      const first = byValue.get(o.value);
      if (first !== undefined) throw new Error(`op ${o.id}: writes ${typeof o.value === 'bigint' ? o.value.toString() : JSON.stringify(o.value)} to key ${JSON.stringify(o.key)}, already written by op ${ops[first].id}`);
      byValue.set(o.value, i);
    }
  }
  const readerCount = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    if (isWrite[i]) continue;
    const v = ops[i].value;
    const w = v === null ? INIT : (writeOf[key[i]]?.get(v) ?? THIN_AIR);
    rf[i] = w;
    if (w >= 0) readerCount[w + 1]++;
  }
  for (let i = 0; i < n; i++) readerCount[i + 1] += readerCount[i];
  const readerStart = readerCount.slice();
  const fill = readerCount.slice(0, n);
  const readers = new Int32Array(readerStart[n]);
  for (let i = 0; i < n; i++) if (rf[i] >= 0) readers[fill[rf[i]]++] = i;
  // Slots: one per (key, writing process), in order of key then process. Sorting (key, process, op)
  // packed into one number groups each slot's writes, in program order.
  const K = keys.length;
  const P = perProc.length;
  const packed: number[] = [];
  for (let i = 0; i < n; i++) if (isWrite[i]) packed.push((key[i] * P + proc[i]) * n + i);
  const sorted = Float64Array.from(packed).sort();
  const slotWrites = new Int32Array(sorted.length);
  const keySlots = new Int32Array(K + 1);
  const slotProcs: number[] = [];
  const starts: number[] = [];
  let prev = -1;
  for (let j = 0; j < sorted.length; j++) {
    const i = sorted[j] % n;
    const slot = (sorted[j] - i) / n;
    slotWrites[j] = i;
    if (slot !== prev) {
      prev = slot;
      slotProcs.push(proc[i]);
      starts.push(j);
      keySlots[key[i] + 1]++;
    }
  }
  starts.push(sorted.length);
  for (let k = 0; k < K; k++) keySlots[k + 1] += keySlots[k];
  const slotProc = Int32Array.from(slotProcs);
  const slotStart = Int32Array.from(starts);
  return {
    n,
    ids: ops.map((o) => o.id),
    proc,
    pos,
    key,
    isWrite,
    rf,
    ops: perProc.map((l) => Int32Array.from(l)),
    processIds,
    keys,
    readerStart,
    readers,
    keySlots,
    slotProc,
    slotStart,
    slotWrites,
  };
}
