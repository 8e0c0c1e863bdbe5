/**
 * The session and causal checkers on histories of a simulated replicated store (`bench/kv-history.ts`)
 * with many sessions — wide enough that the clocks have an inner level — valid as generated, and
 * with the fault that replicas apply a client's own write late.
 */
import { describe, expect, it } from 'vitest';
import { kvHistory } from '../../bench/kv-history.js';
import { causalChecker } from '../../src/checkers/causal.js';
import { sessionChecker } from '../../src/checkers/session.js';
import { testInfo } from './weak-fixtures.js';

const status = (r: { models?: Record<string, { status: string }> }) => Object.fromEntries(Object.entries(r.models ?? {}).map(([m, v]) => [m, v.status]));

describe('weak checkers on a simulated store', () => {
  it('find nothing in a store whose replicas apply prefixes of one log, with 150+ sessions', async () => {
    const h = kvHistory({ ops: 6000, keys: 40, workers: 8, infoRate: 0.03, seed: 3 });
    const s = await sessionChecker({ maxAnomalies: 5 }).check(testInfo, h, {});
    const c = await causalChecker({ maxAnomalies: 5 }).check(testInfo, h, {});
    expect(s.stats!.processes).toBeGreaterThan(150);
    expect([s.valid, c.valid]).toEqual([true, true]);
    expect(status(c)).toEqual({ causal: 'holds', 'causal-convergence': 'holds', 'causal-memory': 'holds' });
  });

  it('find stale reads of one’s own writes when replicas apply them late', async () => {
    const h = kvHistory({ ops: 6000, keys: 40, workers: 8, infoRate: 0.03, seed: 3, ownWritesLate: true });
    const s = await sessionChecker({ maxAnomalies: 5 }).check(testInfo, h, {});
    const c = await causalChecker({ maxAnomalies: 5 }).check(testInfo, h, {});
    expect(status(s)['read-your-writes']).toBe('ruled-out');
    expect(status(c).causal).toBe('ruled-out');
    // Every anomaly names its ops and draws them.
    for (const a of [...s.anomalies!, ...c.anomalies!]) {
      expect(a.ops.length).toBeGreaterThan(1);
      expect(a.graph!.edges.length).toBeGreaterThan(0);
      for (const e of a.graph!.edges) expect(a.graph!.nodes).toEqual(expect.arrayContaining([e.from, e.to]));
    }
  });
});
