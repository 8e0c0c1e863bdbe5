import { describe, expect, it } from 'vitest';
import { any } from '../../../src/core/generators/any.js';
import { delay, onClients, onNemesis, phases, repeat, simulate, sleep, timeLimit } from '../../../src/core/generators/index.js';
import { invokes, rows } from './helpers.js';

describe('timeLimit', () => {
  it('emits only ops strictly before the cutoff; ops in flight still complete', () => {
    // 1 µs limit, ops every 300 ns, latency 500 ns.
    const g = timeLimit(1e-6, delay(300e-9, repeat({ f: 'r' })));
    expect(rows(simulate(g, { concurrency: 2, latency: 500 }))).toEqual([
      [0, 0, 'invoke', 'r', null],
      [300, 1, 'invoke', 'r', null],
      [500, 0, 'ok', 'r', null],
      [600, 0, 'invoke', 'r', null],
      [800, 1, 'ok', 'r', null],
      [900, 1, 'invoke', 'r', null],
      [1100, 0, 'ok', 'r', null],
      [1400, 1, 'ok', 'r', null],
    ]);
  });

  it('counts from the first request, not from time 0', () => {
    const g = [delay(1e-6, [{ f: 'a' }, { f: 'a' }]), timeLimit(2e-6, delay(1e-6, repeat({ f: 'b' })))];
    expect(invokes(simulate(g, { concurrency: 1, latency: 1 }))).toEqual([
      [0, 0, 'a', null],
      [1000, 0, 'a', null],
      [1001, 0, 'b', null],
      [2001, 0, 'b', null],
    ]);
  });

  it('ends a generator that is stuck pending', () => {
    // No thread ever free for the inner template: every op is held by the 2 s sleep.
    const history = simulate(timeLimit(0.5, [{ type: 'sleep', f: 'sleep', value: 2 }, repeat({ f: 'r' })]), { concurrency: 1 });
    expect(history).toEqual([]);
  });

  it('keeps running clients when the nemesis schedules its next op past the cutoff', () => {
    // The client is busy 300 ns per op; the nemesis's second op is due at 5 µs, past the 1 µs cutoff.
    const g = timeLimit(1e-6, any(onClients(repeat({ f: 'r' })), onNemesis(delay(5e-6, repeat({ f: 'n' })))));
    const clientInvokes = invokes(simulate(g, { concurrency: 1, nemesis: true, latency: 300 })).filter((row) => row[1] !== 'nemesis');
    expect(clientInvokes.map((row) => row[0])).toEqual([0, 300, 600, 900]);
  });

  it('validates the limit', () => {
    expect(() => timeLimit(0, { f: 'r' })).toThrow('timeLimit: limit must be a positive number of seconds, got 0');
  });

  it('cuts a sleep that would outlast the cutoff, so what follows the limit does not wait it out', () => {
    // The nemesis sleeps 1000 s after one fault; the limit is 2 µs; the next phase starts right after it.
    const g = phases(timeLimit(2e-6, any(onClients(delay(1e-6, repeat({ f: 'r' }))), onNemesis([{ f: 'fault' }, sleep(1000), { f: 'late' }]))), onClients({ f: 'after' }));
    const h = simulate(g, { concurrency: 1, nemesis: true, latency: 1 });
    const after = h.find((op) => op.f === 'after' && op.type === 'invoke');
    expect(after, 'the next phase ran').toBeDefined();
    expect(after!.time).toBeLessThan(1e6);
    expect(h.some((op) => op.f === 'late')).toBe(false);
    expect(h.some((op) => op.f === 'fault')).toBe(true);
  });
});
