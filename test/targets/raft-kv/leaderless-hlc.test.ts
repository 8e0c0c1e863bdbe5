/**
 * The hybrid logical clock of the leaderless mode: whatever the wall clock does (jumps back, stands
 * still, runs ahead) and whatever timestamps arrive, a node's timestamps strictly increase, each one
 * follows every timestamp received before it, and `l` never runs ahead of the largest wall-clock
 * reading seen here or in a message. The `wall` fault switch has none of this: a clock set back
 * stamps a later event older than an earlier one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareTs, hlcReceive, hlcTick, wallTick, ZERO_HLC, type Hlc } from '../../../targets/raft-kv/leaderless/hlc.js';

type Event = { a: 'tick'; wall: number } | { a: 'recv'; wall: number; remote: Hlc };

const wall = fc.integer({ min: 0, max: 1000 });
const event: fc.Arbitrary<Event> = fc.oneof(
  fc.record({ a: fc.constant('tick' as const), wall }),
  fc.record({ a: fc.constant('recv' as const), wall, remote: fc.record({ l: fc.integer({ min: 0, max: 1200 }), c: fc.nat(5) }) }),
);

const less = (a: Hlc, b: Hlc): boolean => compareTs({ ...a, node: 'x' }, { ...b, node: 'x' }) < 0;

describe('hybrid logical clock', () => {
  it('strictly increases, follows what it received, and stays within the largest reading seen', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 200 }), (events) => {
        let clock = ZERO_HLC;
        let seen = 0;
        for (const e of events) {
          const next = e.a === 'tick' ? hlcTick(clock, e.wall) : hlcReceive(clock, e.remote, e.wall);
          expect(less(clock, next)).toBe(true);
          if (e.a === 'recv') expect(less(e.remote, next)).toBe(true);
          seen = Math.max(seen, e.wall, e.a === 'recv' ? e.remote.l : 0);
          expect(next.l).toBeGreaterThanOrEqual(e.wall);
          expect(next.l).toBeLessThanOrEqual(seen);
          clock = next;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('orders timestamps of different nodes totally, by node name last', () => {
    expect(compareTs({ l: 5, c: 1, node: 'n1' }, { l: 5, c: 1, node: 'n2' })).toBeLessThan(0);
    expect(compareTs({ l: 5, c: 2, node: 'n1' }, { l: 5, c: 1, node: 'n2' })).toBeGreaterThan(0);
    expect(compareTs({ l: 4, c: 9, node: 'n3' }, { l: 5, c: 0, node: 'n1' })).toBeLessThan(0);
  });

  it('lww-clock=wall: a clock set back stamps a later event older; the HLC does not', () => {
    const before = wallTick(ZERO_HLC, 10_000);
    expect(less(wallTick(before, 7_000), before)).toBe(true);
    const h = hlcTick(ZERO_HLC, 10_000);
    expect(less(h, hlcTick(h, 7_000))).toBe(true);
    // Within one millisecond the wall stamp still orders a node's own events.
    expect(less(before, wallTick(before, 10_000))).toBe(true);
  });
});
