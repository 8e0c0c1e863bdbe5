/**
 * The elements of one set (key): one per add, numbered in invoke order, with the add that attempted
 * it. An element is a number, a string or a bigint, unique within its key — set-full tells elements
 * apart by value, so an element added twice to one key is refused (`EventualInputError` naming the
 * second add and the first), as is one of another type. Reads find an element's id with `idOf`:
 * when the elements are small non-negative integers (as the workloads add them) through a dense
 * table, else through a map.
 */
import type { ClientOp } from './history.js';
import { EventualInputError, keyText, show } from './types.js';

/** The elements of one key. */
export interface Elements {
  count: number;
  /** Element value → id, or -1 when no add attempted that value. */
  idOf(x: unknown): number;
  /** The add of each element. */
  adds: ClientOp[];
  /** Per element, from its add: when it was invoked, and its outcome (`OK`, `FAILED`, else 0). */
  addInvoke: Float64Array;
  addOutcome: Uint8Array;
  /** The elements' processes as small integers (`processIds`), for read-your-writes. */
  addProcess: Int32Array;
  processIds: Map<number | string, number>;
}

/** `Elements.addOutcome` of an add that completed ok, and of one that failed. */
export const OK = 1;
export const FAILED = 2;

/** True for the values set-full can tell apart exactly. */
export function isElement(v: unknown): v is number | string | bigint {
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'bigint';
}

/** The elements the adds (`f === addF`) of one key's ops attempt. */
export function elementsOf(key: string, ops: readonly ClientOp[], addF: string): Elements {
  const ids = new Map<unknown, number>();
  const adds: ClientOp[] = [];
  const processIds = new Map<number | string, number>();
  const procs: number[] = [];
  for (const op of ops) {
    if (op.f !== addF) continue;
    const v = op.value;
    if (!isElement(v)) throw new EventualInputError(op.invokeIndex, `an ${addF} to ${keyText(key)} of ${show(v)}: set-full expected a number or a string`);
    const prior = ids.get(v);
    if (prior !== undefined) {
      throw new EventualInputError(op.invokeIndex, `an ${addF} of ${show(v)} to ${keyText(key)} repeats the element of op ${adds[prior].invokeIndex}; set-full needs each element added at most once per key`);
    }
    let p = processIds.get(op.process);
    if (p === undefined) processIds.set(op.process, (p = processIds.size));
    ids.set(v, adds.length);
    adds.push(op);
    procs.push(p);
  }
  return {
    count: adds.length,
    idOf: lookup(ids),
    adds,
    addInvoke: Float64Array.from(adds, (a) => a.invokeTime),
    addOutcome: Uint8Array.from(adds, (a) => (a.outcome === 'ok' ? OK : a.outcome === 'fail' ? FAILED : 0)),
    addProcess: Int32Array.from(procs),
    processIds,
  };
}

/** A dense table from value to id when every value is an integer in [0, 8·n + 1024), else the map. */
function lookup(ids: Map<unknown, number>): (x: unknown) => number {
  let max = -1;
  for (const v of ids.keys()) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= 8 * ids.size + 1024) return (x) => ids.get(x) ?? -1;
    if (v > max) max = v;
  }
  const dense = new Int32Array(max + 1).fill(-1);
  for (const [v, id] of ids) dense[v as number] = id;
  return (x) => (typeof x === 'number' ? (dense[x] ?? -1) : -1);
}
