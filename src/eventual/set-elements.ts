/**
 * The elements of one set (key): one per add, numbered in invoke order, with the add that attempted
 * it. An element is a number, a string or a bigint, unique within its key — set-full tells elements
 * apart by value, so an element added twice to one key is refused (`EventualInputError` naming the
 * second add and the first), as is one of another type. Reads and finds go through `ids`.
 */
import type { ClientOp } from './history.js';
import { EventualInputError, keyText, show } from './types.js';

/** The elements of one key. */
export interface Elements {
  count: number;
  /** Element value → id. */
  ids: Map<unknown, number>;
  /** The add of each element. */
  adds: ClientOp[];
  /** The elements' processes as small integers (`processIds`), for read-your-writes. */
  addProcess: Int32Array;
  processIds: Map<number | string, number>;
}

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
  return { count: adds.length, ids, adds, addProcess: Int32Array.from(procs), processIds };
}
