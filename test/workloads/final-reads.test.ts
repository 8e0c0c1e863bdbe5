/**
 * The final phase of the eventual workloads on a simulated clock: the quiescence wait, then rounds in
 * which every thread reads every key, until a round whose reads all agree, or the rounds run out.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/core/generators/index.js';
import type { Completion, Op } from '../../src/core/op.js';
import { setWorkload } from '../../workloads/set.js';
import { finalReads } from '../../workloads/final-reads.js';

const S = 1e9;
const opts = { keys: ['k0', 'k1'], quiescence: 2, rounds: 4, interval: 0.5 };

/** Runs the phase with 3 threads; `answer` gives each read's completion from its invoke. */
function run(answer: (op: Op) => Completion, o = opts) {
  const h = simulate(finalReads(o), { concurrency: 3, latency: 1_000_000, complete: answer });
  const invokes = h.filter((op) => op.type === 'invoke');
  // Rounds: reads invoked within 0.1 s of each other.
  const rounds: Op[][] = [];
  for (const op of invokes) {
    const last = rounds[rounds.length - 1];
    if (last && op.time - last[0]!.time < 0.1 * S) last.push(op);
    else rounds.push([op]);
  }
  return { invokes, rounds };
}

const agreeing = (): Completion => ({ type: 'ok', value: [1, 2] });

describe('final reads', () => {
  it('waits for quiescence, then one round when all agree: every thread reads every key once, in key order', () => {
    const { invokes, rounds } = run(agreeing);
    expect(rounds).toHaveLength(1);
    expect(invokes[0]!.time).toBeGreaterThanOrEqual(2 * S);
    expect(invokes.map((op) => `${Number(op.process) % 3} ${op.f} ${op.key}`).sort()).toEqual(
      ['0 read k0', '0 read k1', '1 read k0', '1 read k1', '2 read k0', '2 read k1'],
    );
    for (const t of [0, 1, 2]) expect(invokes.filter((op) => op.process === t).map((op) => op.key)).toEqual(['k0', 'k1']);
  });

  it('sets agree as sets: the same elements in another order end the phase', () => {
    const { rounds } = run((op) => ({ type: 'ok', value: Number(op.process) % 2 ? [2, 1] : [1, 2] }));
    expect(rounds).toHaveLength(1);
  });

  it('another round, interval seconds later, while the reads disagree; the first agreeing round ends it', () => {
    // Thread 2 lags until 3 s: rounds at 2 s and 2.5 s disagree, the one at 3 s agrees.
    const lagging = (op: Op): Completion => ({ type: 'ok', value: op.process === 2 && op.time < 3 * S ? [1] : [1, 2] });
    const { rounds } = run(lagging);
    expect(rounds).toHaveLength(3);
    expect(rounds.map((r) => r.length)).toEqual([6, 6, 6]);
    expect(rounds[1]![0]!.time - rounds[0]![rounds[0]!.length - 1]!.time).toBeGreaterThanOrEqual(0.5 * S);
  });

  it('a read that does not complete ok is no agreement: another round', () => {
    const failing = (op: Op): Completion => (op.time < 2.4 * S && op.key === 'k1' && op.process === 0 ? { type: 'info', error: 'timeout' } : agreeing());
    const { rounds, invokes } = run(failing);
    expect(rounds).toHaveLength(2);
    expect(invokes.some((op) => op.process === 3)).toBe(true); // the thread went on as a new process
  });

  it('stops after the last round when the reads never agree', () => {
    const { rounds } = run((op) => ({ type: 'ok', value: [op.process] }));
    expect(rounds).toHaveLength(4);
  });

  it('is the workload’s final phase, over its keys and with its options', () => {
    const ctx = {
      seed: 1, concurrency: 3, nodes: ['n1', 'n2', 'n3'], timeLimit: 10, rate: 0,
      opts: setWorkload.optionsSchema.parse({ 'key-count': '3', quiescence: '1', 'final-read-rounds': '2' }),
    };
    const h = simulate(setWorkload.finalGenerator!(ctx)!, { concurrency: 3, latency: 1_000_000, complete: (op) => ({ type: 'ok', value: [op.process] }) });
    const reads = h.filter((op) => op.type === 'invoke');
    expect(reads).toHaveLength(2 * 3 * 3);
    expect(new Set(reads.map((op) => op.key))).toEqual(new Set(['k0', 'k1', 'k2']));
    expect(reads[0]!.time).toBeGreaterThanOrEqual(1 * S);
  });
});
