/**
 * Structural checks of a recorded history, shared by runner tests: dense indices, non-decreasing
 * times, and every process alternating invoke → completion with matching f and key.
 */
import { expect } from 'vitest';
import { pairOps, type Op } from '../../src/core/op.js';

/** Asserts the history is well formed; returns the number of completed client ops. */
export function expectWellFormed(history: readonly Op[], opts: { allComplete: boolean }): number {
  history.forEach((op, i) => expect(op.index).toBe(i));
  for (let i = 1; i < history.length; i++) expect(history[i].time).toBeGreaterThanOrEqual(history[i - 1].time);
  const pairs = pairOps(history);
  for (const p of pairs) {
    if (p.complete) expect(p.complete.key).toBe(p.invoke.key);
  }
  const open = pairs.filter((p) => !p.complete);
  if (opts.allComplete) expect(open).toEqual([]);
  return pairs.filter((p) => p.complete && p.invoke.process !== 'nemesis').length;
}
