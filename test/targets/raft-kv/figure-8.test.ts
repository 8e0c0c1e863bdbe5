/**
 * Raft paper §5.4.2, Figure 8, step by step on five simulated nodes: a leader must not commit an
 * entry from an earlier term by counting replicas, because a node without that entry can still be
 * elected and overwrite it. Our leaders append a no-op on election, so every index is one further
 * than in the paper's figure; batches of one entry let the old entry reach a majority without the
 * new leader's own entry.
 *
 *   (a) n1 leads term 1 and gets `x` (index 2) to n2 only.
 *   (b) n1 crashes; n5 is elected by n3, n4 and appends its no-op at index 2 (term 2) alone.
 *   (c) n5 crashes; n1 is elected by n2, n3 (term 3), appends its no-op at index 3 and brings n3 up to
 *       index 2: `x` is now on n1, n2, n3, a majority, but from an earlier term, so not committed.
 *   (d) n1 crashes; n5 is elected again (n3, n4) and overwrites index 2 everywhere. Safe: `x` was
 *       never committed.
 *   (e) instead, n1 gets its term-3 entry to n3 before crashing: that commits `x` with it, and n5
 *       can no longer be elected.
 *
 * The simulation asserts state-machine safety and leader completeness after every step.
 */
import { describe, expect, it } from 'vitest';
import { SimCluster } from './support/sim-cluster.js';
import { among, elect, exchange, heartbeats, termsAt, tryElect } from './support/sim-steps.js';

const [n1, n2, n3, n4, n5] = [0, 1, 2, 3, 4];

/** Steps (a) to (c); returns the cluster with n1 leading term 3. */
function upToC(): SimCluster {
  const sim = new SimCluster(5, 8, { maxBatch: 1 });
  // (a)
  elect(sim, n1, [n2, n3, n4, n5]);
  exchange(sim, among(n1, n2, n3, n4, n5));
  heartbeats(sim, [n1, n2, n3, n4, n5]);
  expect(sim.applied()).toEqual(Array(5).fill(['']));
  sim.propose(n1, 'x');
  exchange(sim, among(n1, n2));
  sim.network = [];
  expect(termsAt(sim, 2)).toEqual([1, 1, undefined, undefined, undefined]);
  // (b)
  sim.crash(n1);
  elect(sim, n5, [n3, n4]);
  sim.network = [];
  expect(termsAt(sim, 2)).toEqual([1, 1, undefined, undefined, 2]);
  // (c)
  sim.crash(n5);
  elect(sim, n1, [n2, n3]);
  const leader = sim.nodes[n1].core;
  expect(leader.term).toBe(3);
  // n3 gets every AppendEntries it rejects, and index 2, but nothing carrying index 3.
  const n3Log = sim.nodes[n3].core.log;
  exchange(sim, (m) => among(n1, n2, n3)(m) && !(m.type === 'append' && m.to === 'n3' && n3Log.term(m.prevIndex) === m.prevTerm && m.entries.some((e) => e.index >= 3)));
  expect(termsAt(sim, 2)).toEqual([1, 1, 1, undefined, 2]);
  expect(termsAt(sim, 3)).toEqual([3, 3, undefined, undefined, undefined]);
  expect(leader.progress.get('n3')!.match).toBe(2);
  expect(leader.commit, 'index 2 (term 1) is on a majority but must not be committed by counting').toBeLessThan(2);
  return sim;
}

describe('Raft Figure 8: no commit of an earlier term by counting replicas', () => {
  it('(d) a node without the old entry is elected and overwrites it; nothing committed is lost', () => {
    const sim = upToC();
    sim.crash(n1);
    sim.network = [];
    elect(sim, n5, [n3, n4]);
    heartbeats(sim, [n2, n3, n4, n5], 4);
    expect(termsAt(sim, 2)).toEqual([1, 2, 2, 2, 2]);
    expect(sim.nodes[n5].core.commit).toBe(3);
    const leader = sim.stabilize(40)!;
    expect(leader.id).toBe('n5');
    expect(termsAt(sim, 2)).toEqual([2, 2, 2, 2, 2]);
    for (const sm of sim.applied()) expect(sm).toEqual(['', '', '']);
  });

  it('(e) once the leader replicates an entry of its own term, the old entry commits with it and n5 cannot win', () => {
    const sim = upToC();
    heartbeats(sim, [n1, n3]);
    expect(termsAt(sim, 3)).toEqual([3, 3, 3, undefined, undefined]);
    expect(sim.nodes[n1].core.commit).toBe(3);
    sim.crash(n1);
    expect(tryElect(sim, n5, [n3, n4]), 'n5 elected without the committed entries').toBe(false);
    expect(['n1', 'n2', 'n3']).toContain(sim.stabilize(60)!.id);
    for (const sm of sim.applied()) expect(sm.slice(0, 3)).toEqual(['', 'x', '']);
  });
});
