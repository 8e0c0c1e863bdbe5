/**
 * The one definition of ops/s: client completions in the load phase ÷ its seconds. Fed record by
 * record (as the progress line does) it gives the figure historyStats stores.
 */
import { describe, expect, it } from 'vitest';
import type { Op } from '../../src/core/op.js';
import { historyStats } from '../../src/runner/results.js';
import { loadMeter, loadThroughput } from '../../src/runner/throughput.js';

const s = 1e9;
/** A client op invoked at `t` seconds that completes `ok` at t + 0.1 s. */
const op = (i: number, t: number, process: Op['process'] = i % 4): Op[] => [
  { index: 2 * i, time: t * s, process, type: 'invoke', f: 'read', value: null, key: 'k' },
  { index: 2 * i + 1, time: (t + 0.1) * s, process, type: 'ok', f: 'read', value: null, key: 'k' },
];

/** 10 s of load at 20 ops/s, a nemesis op, 5 s of settle, then 40 final reads in 1 s. */
function runHistory(): Op[] {
  const load = Array.from({ length: 200 }, (_, i) => op(i, i * 0.05)).flat();
  const nemesis: Op[] = [
    { index: 0, time: 3 * s, process: 'nemesis', type: 'invoke', f: 'kill', value: { targets: 'one', nodes: ['n2'] } },
    { index: 0, time: 3.1 * s, process: 'nemesis', type: 'ok', f: 'kill', value: { targets: 'one', nodes: ['n2'] } },
  ];
  const final = Array.from({ length: 40 }, (_, i) => op(300 + i, 16 + i * 0.025)).flat();
  return [...load, ...nemesis, ...final].sort((a, b) => a.time - b.time).map((o, index) => ({ ...o, index }));
}

describe('throughput', () => {
  it('counts client completions in the load phase only: not the settle, not the final phase', () => {
    const h = runHistory();
    const t = loadThroughput(h, 10);
    expect(t.ops).toBe(199); // the op invoked at 9.95 s was still in flight at the time limit
    expect(t.seconds).toBe(10);
    expect(t.opsPerSec).toBeCloseTo(19.9, 9);
    const stats = historyStats(h, 10);
    expect(stats.opsPerSec).toBeCloseTo(19.9, 9);
    expect(stats.loadS).toBe(10);
    expect(stats.ops).toBe(240); // every completion is still counted as an op
  });

  it('ends the load phase at the last client completion when the clients stop before the time limit', () => {
    const h = Array.from({ length: 30 }, (_, i) => op(i, i * 0.1)).flat(); // interrupted after 3 s of a 60 s run
    const t = loadThroughput(h, 60);
    expect(t.ops).toBe(30);
    expect(t.seconds).toBeCloseTo(3.0, 9);
    expect(loadThroughput(h).seconds).toBeCloseTo(3.0, 9); // no time limit (a history from elsewhere): the whole history
  });

  it('gives the progress line, fed record by record, the figure the summary stores', () => {
    const h = runHistory();
    const m = loadMeter(10);
    const seen: number[] = [];
    for (const o of h) {
      m.record(o);
      seen.push(m.result().opsPerSec);
    }
    expect(m.result().opsPerSec).toBe(historyStats(h, 10).opsPerSec);
    // While the load runs, the rate so far: completions so far ÷ seconds so far.
    expect(seen[h.findIndex((o) => o.type === 'ok' && o.time === 5.1 * s)]).toBeCloseTo(101 / 5.1, 9);
  });
});
