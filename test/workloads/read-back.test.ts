/**
 * The register workload's read-back phase: every key the load phase wrote (or tried to) is read once
 * after the heal, spread over the client threads; keys only read are not; no history, no reads.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/core/generators/index.js';
import type { Op } from '../../src/core/op.js';
import { keysWritten, readBack } from '../../workloads/read-back.js';
import { registerOptionsSchema } from '../../workloads/register.js';

const op = (index: number, process: number | 'nemesis', f: string, key?: string): Op => ({ index, time: index, process, type: 'invoke', f, value: null, ...(key ? { key } : {}) });

describe('read-back', () => {
  const history: Op[] = [op(0, 0, 'write', 'k0'), op(1, 1, 'read', 'k9'), op(2, 2, 'cas', 'k1'), op(3, 'nemesis', 'write', 'kx'), op(4, 3, 'write', 'k0'), op(5, 4, 'write', 'k2'), op(6, 5, 'write', 'k3')];

  it('finds the keys client writes and compare-and-sets were invoked on, in the order first seen', () => {
    expect(keysWritten(history)).toEqual(['k0', 'k1', 'k2', 'k3']);
    expect(keysWritten([])).toEqual([]);
  });

  it('reads each written key exactly once, thread t taking keys t, t + concurrency, …', () => {
    const reads = simulate(readBack(() => history), { concurrency: 3 }).filter((o) => o.type === 'invoke');
    expect(reads.every((o) => o.f === 'read' && o.value === null)).toBe(true);
    expect(reads.map((o) => o.key).sort()).toEqual(['k0', 'k1', 'k2', 'k3']);
    const byThread = (t: number) => reads.filter((o) => (o.process as number) % 3 === t).map((o) => o.key);
    expect([byThread(0), byThread(1), byThread(2)]).toEqual([['k0', 'k3'], ['k1'], ['k2']]);
  });

  it('reads the history as it is when the phase starts, and nothing without one', () => {
    const grown: Op[] = [];
    const g = readBack(() => grown);
    grown.push(op(0, 0, 'write', 'late'));
    expect(simulate(g, { concurrency: 2 }).filter((o) => o.type === 'invoke').map((o) => o.key)).toEqual(['late']);
    expect(simulate(readBack(undefined), { concurrency: 2 })).toEqual([]);
  });

  it('is on by default in the register workload, and can be turned off', () => {
    expect(registerOptionsSchema.parse({})['read-back']).toBe(true);
    expect(registerOptionsSchema.parse({ 'read-back': 'false' })['read-back']).toBe(false);
  });
});
