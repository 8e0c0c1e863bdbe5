/**
 * Faults read back from a history: which are in force, and each node's downtime over the load phase.
 */
import { describe, expect, it } from 'vitest';
import type { Op } from '../../src/core/op.js';
import { faultTracker, nodeDowntime } from '../../nemeses/fault-tracker.js';
import { nemesisPackages } from '../../nemeses/index.js';
import { historyStats } from '../../src/runner/results.js';

const s = 1e9;
let index = 0;
const nem = (t: number, type: Op['type'], f: string, value: unknown = null): Op => ({ index: index++, time: t * s, process: 'nemesis', type, f, value });
const client = (t: number): Op[] => [
  { index: index++, time: t * s, process: 0, type: 'invoke', f: 'read', value: null, key: 'k' },
  { index: index++, time: (t + 0.01) * s, process: 0, type: 'ok', f: 'read', value: null, key: 'k' },
];

describe('fault tracker', () => {
  it('knows which faults are in force, in words', () => {
    const t = faultTracker(nemesisPackages);
    t.record(nem(1, 'invoke', 'start-partition', { mode: 'halves' }));
    expect(t.active()).toEqual([]);
    t.record(nem(1.1, 'ok', 'start-partition', { mode: 'halves', grudge: {} }));
    t.record(nem(2, 'ok', 'kill', { targets: 'minority', nodes: ['n1', 'n3'] }));
    t.record(nem(2.5, 'fail', 'pause', { targets: 'leader', nodes: [] }));
    t.record(nem(3, 'ok', 'bump-clock', { nodes: ['n2'], deltaMs: 500 }));
    expect(t.active().map((f) => f.label)).toEqual(['partition halves', 'kill n1,n3', 'bump-clock n2']);
    t.record(nem(4, 'info', 'stop-partition'));
    t.record(nem(4.5, 'ok', 'restart', { nodes: ['n1', 'n3'] }));
    expect(t.active().map((f) => f.label)).toEqual(['partition halves', 'bump-clock n2']);
    t.record(nem(5, 'ok', 'stop-partition', { healed: {} }));
    t.record(nem(6, 'ok', 'reset-clock', {}));
    expect(t.active()).toEqual([]);
    expect(t.spans()).toHaveLength(3);
  });

  it('measures each node down while killed or paused, overlaps counted once, clipped to the window', () => {
    const t = faultTracker(nemesisPackages);
    for (const op of [
      nem(1, 'ok', 'kill', { targets: 'one', nodes: ['n1'] }),
      nem(2, 'ok', 'pause', { targets: 'minority', nodes: ['n1', 'n2'] }),
      nem(3, 'ok', 'restart', { nodes: ['n1'] }),
      nem(4, 'ok', 'resume', { nodes: ['n1', 'n2'] }),
      nem(5, 'ok', 'start-partition', { mode: 'halves', grudge: {} }), // not down: partitioned
      nem(8, 'ok', 'kill', { targets: 'all', nodes: ['n1', 'n2', 'n3'] }), // still down at the end of the window
    ]) t.record(op);
    // n1: killed 1–3 (paused from 2, but restarted at 3 it runs), and 8–10; n2: paused 2–4, killed 8–10.
    expect(nodeDowntime(t.spans(), 0, 10 * s)).toEqual({ n1: 0.4, n2: 0.4, n3: 0.2 });
  });

  it('a restart brings a node back from every fault holding it: a paused node that was killed runs again', () => {
    const t = faultTracker(nemesisPackages);
    for (const op of [
      nem(1, 'ok', 'pause', { targets: 'leader', nodes: ['n3'] }),
      nem(2, 'ok', 'kill', { targets: 'all', nodes: ['n1', 'n2', 'n3'] }),
      nem(3, 'ok', 'restart', { nodes: ['n1', 'n2', 'n3'] }),
      nem(6, 'ok', 'resume', { nodes: ['n3'] }),
    ]) t.record(op);
    expect(nodeDowntime(t.spans(), 0, 10 * s)).toEqual({ n1: 0.1, n2: 0.1, n3: 0.2 });
    expect(t.active()).toEqual([]);
  });

  it('puts nodeDowntime into the run stats, over the load phase', () => {
    index = 0;
    const h = [...client(0), nem(1, 'invoke', 'kill', { targets: 'one', nodes: ['n2'] }), nem(1, 'ok', 'kill', { targets: 'one', nodes: ['n2'] }), ...client(2),
      nem(3, 'ok', 'restart', { nodes: ['n2'] }), ...client(3.99)];
    const stats = historyStats(h, 4);
    expect(stats.loadS).toBe(4);
    expect(stats.nodeDowntime).toEqual({ n2: 0.5 });
    expect(historyStats(client(0)).nodeDowntime).toBeUndefined();
  });
});
