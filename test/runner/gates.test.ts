/**
 * The figures the CI thresholds bound, from hand-made histories, and the thresholds themselves: p99
 * latency of ok ops (nearest rank), availability while faults are active (over the fault tracker's
 * intervals), throughput; a breach names the threshold, the measured value and the limit; a figure
 * with nothing to measure breaches.
 */
import { describe, expect, it } from 'vitest';
import type { Op } from '../../src/core/op.js';
import { checkThresholds, figure } from '../../src/runner/gates.js';
import { worstExitCode } from '../../src/runner/gated-run.js';
import { latencyQuantiles, nearestRank } from '../../src/runner/latency.js';
import { historyStats } from '../../src/runner/results.js';

const ms = 1e6;
let index = 0;
/** A client op of `process` invoked at `at` ms, completing `type` after `lat` ms. */
const op = (process: number, at: number, lat: number, type: 'ok' | 'fail' | 'info' = 'ok'): Op[] => [
  { index: index++, time: at * ms, process, type: 'invoke', f: 'read', value: null, key: 'k' },
  { index: index++, time: (at + lat) * ms, process, type, f: 'read', value: null, key: 'k' },
];
const nem = (at: number, f: string, value: unknown = null): Op => ({ index: index++, time: at * ms, process: 'nemesis', type: 'ok', f, value });
const sorted = (ops: Op[]) => ops.sort((a, b) => a.time - b.time).map((o, i) => ({ ...o, index: i }));

describe('latency of ok ops', () => {
  it('takes nearest-rank quantiles over ok completions only', () => {
    expect(nearestRank([1, 2, 3, 4], 0.5)).toBe(2);
    expect(nearestRank([1, 2, 3, 4], 0.99)).toBe(4);
    const h = sorted([...Array.from({ length: 100 }, (_, i) => op(10 + i, i * 10, i + 1)).flat(), ...op(5, 0, 5000, 'info'), ...op(6, 0, 9000, 'fail')]);
    expect(latencyQuantiles(h)).toEqual({ p50: 50, p95: 95, p99: 99, max: 100, ops: 100 });
    expect(latencyQuantiles(op(1, 0, 10, 'fail'))).toBeUndefined();
  });
});

describe('availability while faults are active', () => {
  it('counts client completions inside the fault intervals read back from the nemesis ops', () => {
    const h = sorted([
      ...op(0, 0, 10), // before any fault
      nem(100, 'start-partition', { mode: 'halves', grudge: {} }),
      ...op(0, 110, 10), ...op(1, 120, 10, 'fail'), ...op(2, 130, 10, 'info'), ...op(3, 140, 10),
      nem(200, 'stop-partition', { healed: {} }),
      ...op(0, 210, 10, 'fail'), // after it
      nem(300, 'kill', { targets: 'one', nodes: ['n1'] }), // never restarted: in force to the end
      ...op(1, 310, 10, 'fail'),
    ]);
    const s = historyStats(h, 1);
    expect(s.faultOps).toBe(5);
    expect(s.faultAvailability).toBe(2 / 5);
    expect(historyStats(sorted(op(0, 0, 10))).faultAvailability).toBeUndefined();
  });
});

describe('thresholds', () => {
  // 11 client ops in a 1 s load phase (the first record at 0, the last completion at 1000 ms), all ok, all during a partition.
  const stats = historyStats(
    sorted([nem(0, 'start-partition', { mode: 'halves', grudge: {} }), ...Array.from({ length: 10 }, (_, i) => op(i % 3, i * 100, 20 + i)).flat(), ...op(5, 990, 10)]),
    1,
  );

  it('pass within their limits and breach beyond them, naming the threshold, the measured value and the limit', () => {
    expect(stats.latencyMs!.p99).toBe(29);
    expect(stats.opsPerSec).toBe(11);
    const ok = checkThresholds(stats, { maxP99Ms: 29, minAvailability: 1, minThroughput: 11 });
    expect(ok.map((c) => c.passed)).toEqual([true, true, true]);
    const bad = checkThresholds(stats, { maxP99Ms: 28.5, minThroughput: 1e9 });
    expect(bad.map((c) => [c.threshold, c.measured, c.limit, c.passed])).toEqual([['--max-p99-ms', 29, 28.5, false], ['--min-throughput', 11, 1e9, false]]);
    expect(bad[0]!.message).toBe('--max-p99-ms: p99 latency of ok client ops was 29 ms; the limit is at most 28.5 ms — breached');
    expect(bad[1]!.message).toBe('--min-throughput: throughput (client completions in the load phase ÷ its seconds) was 11 ops/s; the limit is at least 1000000000 ops/s — breached');
    expect(checkThresholds(stats, {})).toEqual([]);
  });

  it('breach when there is nothing to measure', () => {
    const none = historyStats(sorted([...op(0, 0, 10, 'fail')]), 1);
    const [p99, avail] = checkThresholds(none, { maxP99Ms: 1000, minAvailability: 0 });
    expect(p99).toMatchObject({ passed: false, measured: null, message: '--max-p99-ms: nothing measured (no client op completed ok); the limit is at most 1000 ms' });
    expect(avail).toMatchObject({ passed: false, measured: null });
    expect(avail!.message).toMatch(/^--min-availability: nothing measured \(no client op completed while a fault was active\)/);
  });

  it('writes figures for people: whole from 1000 up, else 4 significant digits', () => {
    expect([123456.7, 1e9, 88.2634, 0.30004, 29].map(figure)).toEqual(['123457', '1000000000', '88.26', '0.3', '29']);
  });

  it('several runs exit with the worst code: crashed, bad arguments, invalid, unknown, valid', () => {
    expect(worstExitCode([0, 2, 0])).toBe(2);
    expect(worstExitCode([2, 1, 0])).toBe(1);
    expect(worstExitCode([1, 255])).toBe(255);
    expect(worstExitCode([])).toBe(0);
  });
});
