/**
 * The pure Raft core under fast-check-generated schedules: message loss, reordering, duplication,
 * crash-restart with loss of un-persisted state, pauses, log compaction and reads. Safety is asserted after
 * every single step by SimCluster.check(); after each schedule the network heals and the cluster must
 * elect a leader and commit a new command everywhere (liveness once faults stop).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimCluster } from './support/sim-cluster.js';
import { action, run } from './support/sim-schedule.js';
import { assertLive } from './support/sim-steps.js';

describe('raft core under simulated faults', () => {
  for (const size of [3, 5]) {
    it(`keeps safety and recovers with ${size} nodes`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(action, { minLength: 100, maxLength: 600, size: 'max' }), (seed, actions) => {
          const sim = new SimCluster(size, seed);
          run(sim, actions);
          assertLive(sim);
        }),
        { numRuns: size === 3 ? 150 : 60 },
      );
    });
  }

  it('elects exactly one leader and replicates on a clean network', () => {
    const sim = new SimCluster(3, 7);
    const leader = sim.stabilize(40)!;
    expect(leader).toBeDefined();
    const li = sim.nodes.findIndex((n) => n.core === leader);
    for (let i = 0; i < 10; i++) sim.propose(li, `w${i}`);
    sim.stabilize(10);
    const sms = sim.applied();
    for (const sm of sms) expect(sm.filter((c) => c.startsWith('w'))).toEqual(Array.from({ length: 10 }, (_, i) => `w${i}`));
  });

  it('serves read-index reads only after a heartbeat round', () => {
    const sim = new SimCluster(3, 11);
    const leader = sim.stabilize(40)!;
    const i = sim.nodes.findIndex((n) => n.core === leader);
    const before = sim.confirmedReads;
    sim.read(i, 'read-index');
    sim.persist(i);
    expect(sim.confirmedReads).toBe(before);
    sim.stabilize(2);
    expect(sim.confirmedReads).toBe(before + 1);
  });

  it('brings a follower that missed compacted entries up to date with a snapshot', () => {
    const sim = new SimCluster(3, 5);
    const leader = sim.stabilize(40)!;
    const li = sim.nodes.findIndex((n) => n.core === leader);
    const lagger = (li + 1) % 3;
    const laggerId = sim.nodes[lagger].id;
    for (let i = 0; i < 20; i++) {
      sim.propose(li, `x${i}`);
      sim.network = sim.network.filter((m) => m.to !== laggerId);
      for (let k = 0; k < 5; k++) {
        while (sim.network.length) sim.deliver(0);
        sim.network = sim.network.filter((m) => m.to !== laggerId);
        sim.nodes.forEach((_, j) => sim.persist(j));
      }
    }
    sim.compact(li, 0);
    expect(leader.log.base).toBeGreaterThan(sim.nodes[lagger].core.log.lastIndex());
    sim.stabilize(10);
    expect(sim.nodes[lagger].sm).toEqual(sim.nodes[li].sm);
    expect(sim.nodes[lagger].core.snapshot.index).toBe(leader.snapshot.index);
  });
});
