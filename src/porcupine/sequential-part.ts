/**
 * One partition of a history put in process order for the sequential consistency search
 * (sequential.ts): per operation the next one of its process, per process its first, and every
 * operation's rank by call time (the order the search tries candidates in).
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
}

/**
 * Orders one partition's operations by process (`clientId`; an operation without one is a process of
 * its own), each process's by call time. `indices[i]` is operation i's index in the whole history.
 */
export function sequentialPart<I, O>(ops: Operation<I, O>[], indices: number[]): SequentialPart<I, O> {
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
  return { n, inputs: ops.map((o) => o.input), outputs: ops.map((o) => o.output), index: indices, next, first: Int32Array.from(first), rank };
}
