/**
 * Faultline histories for the weak-model checkers' tests, written one op per row:
 * `[process, f, value, key?, completion?]`. Each row is an invoke followed at once by its completion
 * (`ok` unless given): a read's value is what it returned, a write's what it wrote, a cas's
 * `[from, to]`. Index and time come from the position; key defaults to `x`.
 */
import type { Op } from '../../src/core/op.js';

/** One op: process, f, value, key, completion (default ok; `open` leaves it without completion). */
export type Row = [number, string, unknown, string?, ('ok' | 'fail' | 'info' | 'open')?];

/** The history of `rows`, each op completing before the next is invoked. */
export function history(rows: Row[]): Op[] {
  const out: Op[] = [];
  const add = (op: Omit<Op, 'index' | 'time'>) => out.push({ index: out.length, time: out.length * 1000, ...op });
  for (const [process, f, value, key = 'x', completion = 'ok'] of rows) {
    add({ process, type: 'invoke', f, key, value: f === 'read' ? null : value });
    if (completion === 'open') continue;
    const error = completion === 'fail' ? (f === 'cas' ? 'cas-mismatch' : 'unavailable') : completion === 'info' ? 'timed-out' : undefined;
    add({ process, type: completion, f, key, value: f === 'read' && completion !== 'ok' ? null : value, ...(error ? { error } : {}) });
  }
  return out;
}

/** Test info for a checker call. */
export const testInfo = { name: 't', workload: 'register', target: 'raft-kv', concurrency: 3, seed: 1 };
