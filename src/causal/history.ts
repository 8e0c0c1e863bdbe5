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
  /** Per key: the processes that write it. */
  writers: Int32Array[];
  /** Per (process, key): its writes of that key in program order; see `writesOf`. */
  procKeyWrites: Map<number, Int32Array>;
}

/** The writes of `key` by process `p`, in program order (empty if none). */
export function writesOf(h: Prepared, p: number, key: number): Int32Array {
  return h.procKeyWrites.get(p * h.keys.length + key) ?? EMPTY;
}
const EMPTY = new Int32Array(0);

/**
 * The last write of `key` by process `p` among its first `count` ops (its ops at positions < count),
 * or -1. Binary search over the process's writes of that key.
 */
export function lastWriteBefore(h: Prepared, p: number, key: number, count: number): number {
  const ws = writesOf(h, p, key);
  let lo = 0;
  let hi = ws.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (h.pos[ws[mid]] < count) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? -1 : ws[lo - 1];
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
      if (first !== undefined) throw new Error(`op ${o.id}: writes ${JSON.stringify(o.value)} to key ${JSON.stringify(o.key)}, already written by op ${ops[first].id}`);
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
  const procKeyWrites = new Map<number, number[]>();
  const writerSets: Set<number>[] = keys.map(() => new Set());
  for (let i = 0; i < n; i++) {
    if (!isWrite[i]) continue;
    const slot = proc[i] * keys.length + key[i];
    let list = procKeyWrites.get(slot);
    if (!list) procKeyWrites.set(slot, (list = []));
    list.push(i);
    writerSets[key[i]].add(proc[i]);
  }
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
    writers: writerSets.map((s) => Int32Array.from(s)),
    procKeyWrites: new Map([...procKeyWrites].map(([k, l]) => [k, Int32Array.from(l)])),
  };
}
