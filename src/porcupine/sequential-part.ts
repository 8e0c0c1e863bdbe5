/**
 * One partition of a history put in process order for the sequential consistency search
 * (sequential.ts): per operation the next one of its process, per process its first, and every
 * operation's rank by call time (the order the search tries candidates in), and each operation's
 * phase when the history has a final phase of reads (sequential.ts says how phases constrain the order).
 */
import type { Operation } from './types.js';

/** One partition in per-process order. */
export interface SequentialPart<I, O> {
  n: number;
  inputs: I[];
  outputs: O[];
  /** Per local operation: index in the history given to the check. */
  index: number[];
  /** Per local operation: the next operation of its process, or -1. */
  next: Int32Array;
  /** Per process: its first operation. */
  first: Int32Array;
  /** Per local operation: its rank by call time (ties by position), the order candidates are tried in. */
  rank: Int32Array;
  /**
   * Per local operation: `REQUIRED` (0), `LAST` (1: a final read), or `LOOSE` (2: an update whose outcome
   * is unknown, which may come before the final reads or after all of them, i.e. never be seen).
   * Every operation is `REQUIRED` when the history has no final reads.
   */
  phase: Uint8Array;
  /** How many operations are `REQUIRED`, `LAST`, `LOOSE`. */
  required: number;
  lastCount: number;
  looseCount: number;
}

export const REQUIRED = 0;
export const LAST = 1;
export const LOOSE = 2;

/**
 * Orders one partition's operations by process (`clientId`; an operation without one is a process of
 * its own), each process's by call time. `indices[i]` is operation i's index in the whole history;
 * `isLast(indices[i])` says whether operation i is a final read (default: none is); when some are,
 * operations with unknown outcome (`return` Infinity) are `LOOSE`.
 */
export function sequentialPart<I, O>(ops: Operation<I, O>[], indices: number[], isLast?: (index: number) => boolean): SequentialPart<I, O> {
  const n = ops.length;
  const byProcess = new Map<unknown, number[]>();
  ops.forEach((op, i) => {
    const id = op.clientId ?? Symbol();
    let list = byProcess.get(id);
    if (!list) byProcess.set(id, (list = []));
    list.push(i);
  });
  const next = new Int32Array(n).fill(-1);
  const first: number[] = [];
  for (const list of byProcess.values()) {
    list.sort((a, b) => ops[a].call - ops[b].call || a - b);
    first.push(list[0]);
    for (let j = 0; j + 1 < list.length; j++) next[list[j]] = list[j + 1];
  }
  const rank = new Int32Array(n);
  ops
    .map((_, i) => i)
    .sort((a, b) => ops[a].call - ops[b].call || a - b)
    .forEach((op, r) => (rank[op] = r));
  const phase = new Uint8Array(n);
  if (isLast && indices.some(isLast)) ops.forEach((op, i) => (phase[i] = isLast(indices[i]) ? LAST : op.return === Infinity ? LOOSE : REQUIRED));
  const count = (p: number) => phase.reduce((a, b) => a + (b === p ? 1 : 0), 0);
  return {
    n, inputs: ops.map((o) => o.input), outputs: ops.map((o) => o.output), index: indices, next, first: Int32Array.from(first), rank,
    phase, required: count(REQUIRED), lastCount: count(LAST), looseCount: count(LOOSE),
  };
}
