/**
 * Availability by side of a partition, from literal histories: components of a grudge, which side each
 * node is on, and ops counted on the side of their home node while a partition is in force.
 */
import { describe, expect, it } from 'vitest';
import type { Op } from '../../src/core/op.js';
import { availabilityOf, components, sideAvailability, sidesOf } from '../../src/cap/sides.js';
import { errorCode } from '../../src/core/error-codes.js';

const NODES = ['n1', 'n2', 'n3'];

function h(rows: [number, number | 'nemesis', Op['type'], string, unknown, string?][]): Op[] {
  return rows.map(([time, process, type, f, value, node], index) => ({ index, time, process, type, f, value, ...(node ? { node } : {}) }));
}

describe('sides of a partition', () => {
  it('splits nodes into components: isolate-one leaves one node alone on the minority side', () => {
    const grudge = { n1: ['n2', 'n3'], n2: ['n1'], n3: ['n1'] };
    expect(components(NODES, grudge).map((c) => c.sort())).toEqual([['n1'], ['n2', 'n3']]);
    expect(Object.fromEntries(sidesOf(NODES, grudge))).toEqual({ n1: 'minority', n2: 'majority', n3: 'majority' });
  });

  it('a one-way cut still separates the two nodes; no grudge is one majority', () => {
    expect(components(NODES, { n1: ['n2'] }).length).toBe(1); // n1–n3–n2 are still joined through n3
    expect(components(['n1', 'n2'], { n1: ['n2'] }).length).toBe(2);
    expect([...sidesOf(NODES, {}).values()]).toEqual(['majority', 'majority', 'majority']);
  });

  it('counts each op on the side of its home node while the partition is in force, outside otherwise', () => {
    const grudge = { n1: ['n2', 'n3'], n2: ['n1'], n3: ['n1'] };
    const ops = h([
      [1, 0, 'invoke', 'read', null, 'n1'], [2, 0, 'ok', 'read', 1, 'n1'], // outside, ok
      [3, 'nemesis', 'invoke', 'start-partition', null], [4, 'nemesis', 'ok', 'start-partition', { grudge }],
      [5, 0, 'invoke', 'read', null, 'n1'], [6, 0, 'info', 'read', null, 'n1'], // minority, not ok
      [7, 1, 'invoke', 'read', null, 'n2'], [8, 1, 'ok', 'read', 1, 'n2'], // majority, ok
      [9, 2, 'invoke', 'write', 3, 'n1'], [10, 2, 'fail', 'write', 3, 'n1'], // minority, fail with no answer code: not answered
      [11, 'nemesis', 'invoke', 'stop-partition', null], [12, 'nemesis', 'ok', 'stop-partition', { healed: grudge }],
      [13, 0, 'invoke', 'read', null, 'n1'], // outside, never completed: not ok
    ]);
    const s = sideAvailability(ops, NODES, 3);
    expect(s.partitions).toBe(1);
    expect(s.minority).toEqual({ ops: 2, answered: 0, unsupported: 0, availability: 0 });
    expect(s.majority).toEqual({ ops: 1, answered: 1, unsupported: 0, availability: 1 });
    expect(s.outside).toEqual({ ops: 2, answered: 1, unsupported: 0, availability: 0.5 });
  });

  it('without a recorded node, a thread is bound to node (process mod concurrency) mod nodes', () => {
    const grudge = { n2: ['n1', 'n3'], n1: ['n2'], n3: ['n2'] };
    const ops = h([
      [1, 'nemesis', 'ok', 'start-partition', { grudge }],
      [2, 4, 'invoke', 'read', null], [3, 4, 'ok', 'read', 1], // process 4 → thread 1 → n2: minority
      [4, 3, 'invoke', 'read', null], [5, 3, 'fail', 'read', null], // process 3 → thread 0 → n1: majority
    ]);
    const s = sideAvailability(ops, NODES, 3);
    expect(s.minority).toEqual({ ops: 1, answered: 1, unsupported: 0, availability: 1 });
    expect(s.majority).toEqual({ ops: 1, answered: 0, unsupported: 0, availability: 0 });
    expect(s.outside.availability).toBeUndefined();
  });

  it('a definite application answer (cas-mismatch, wrong-type) is the system available; a timed-out or leaderless fail is not', () => {
    const grudge = { n1: ['n2', 'n3'], n2: ['n1'], n3: ['n1'] };
    const ops = h([
      [1, 'nemesis', 'ok', 'start-partition', { grudge }],
      [2, 1, 'invoke', 'cas', [1, 2], 'n2'], [3, 1, 'fail', 'cas', [1, 2], 'n2'], // no error: not answered
      [4, 2, 'invoke', 'read', null, 'n1'], [5, 2, 'fail', 'read', null, 'n1'], // (patched below)
      [6, 0, 'invoke', 'cas', [1, 2], 'n2'], [7, 0, 'fail', 'cas', [1, 2], 'n2'], // (patched below)
      [8, 3, 'invoke', 'write', 4, 'n3'], [9, 3, 'fail', 'write', 4, 'n3'], // (patched below)
    ]);
    ops[4].error = 'timeout (after not-leader at n1)'; // a read that timed out completes fail (a read has no effect), but nobody answered
    ops[6].error = 'cas-mismatch';
    ops[8].error = 'wrong-type';
    const s = sideAvailability(ops, NODES, 4);
    expect(s.minority).toEqual({ ops: 1, answered: 0, unsupported: 0, availability: 0 });
    expect(s.majority).toEqual({ ops: 3, answered: 2, unsupported: 0, availability: 2 / 3 });
    expect(availabilityOf({ index: 0, time: 0, process: 0, type: 'info', f: 'cas', value: null, error: 'cas-mismatch' })).toBe('unanswered');
  });

  it('an op the configuration does not offer (unsupported) is left out of the fraction, counted apart', () => {
    const ops = h([
      [1, 0, 'invoke', 'cas', [1, 2], 'n1'], [2, 0, 'fail', 'cas', [1, 2], 'n1'],
      [3, 0, 'invoke', 'write', 1, 'n1'], [4, 0, 'ok', 'write', 1, 'n1'],
      [5, 1, 'invoke', 'write', 2, 'n2'], [6, 1, 'info', 'write', 2, 'n2'],
    ]);
    ops[1].error = 'unsupported: cas is not available with replication=leaderless';
    const s = sideAvailability(ops, NODES, 3);
    expect(s.outside).toEqual({ ops: 2, answered: 1, unsupported: 1, availability: 0.5 });
    // Only unsupported ops: nothing to measure.
    const only = sideAvailability(ops.slice(0, 2), NODES, 3);
    expect(only.outside).toEqual({ ops: 0, answered: 0, unsupported: 1 });
  });

  it('reads codes from the one error table: a code, or a code then ": details"', () => {
    expect(errorCode('cas-mismatch')).toBe('cas-mismatch');
    expect(errorCode('unsupported: cas is not available')).toBe('unsupported');
    expect(errorCode('timeout')).toBeUndefined();
    expect(errorCode('raft-kv: unsupported op f=x')).toBeUndefined();
    expect(errorCode('constructor')).toBeUndefined();
    expect(errorCode(undefined)).toBeUndefined();
  });
});
