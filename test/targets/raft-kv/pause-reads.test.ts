/**
 * A paused leader (SIGSTOP) on three simulated nodes: while it is stopped the others elect a new
 * leader and commit a write; when it resumes it still believes it leads. In `local` read mode it then
 * answers from its own state, missing the write: the stale read the README documents for that mode.
 * `read-index` and `lease` reads at the same node are never served stale: they wait for a heartbeat
 * round (or a lease) that the resumed node no longer has, and fail once it learns the newer term.
 */
import { describe, expect, it } from 'vitest';
import { SimCluster, type SimReadMode } from './support/sim-cluster.js';

/** Leader `old` wrote w1 everywhere, was paused, a new leader committed w2, `old` is resumed. */
function resumedOldLeader(seed: number): { sim: SimCluster; old: number } {
  const sim = new SimCluster(3, seed);
  const first = sim.stabilize(40)!;
  const old = sim.nodes.findIndex((n) => n.core === first);
  sim.propose(old, 'w1');
  sim.stabilize(5);
  for (const sm of sim.applied()) expect(sm).toContain('w1');

  sim.pause(old);
  const next = (): number => sim.nodes.findIndex((n, i) => i !== old && n.core.role === 'leader');
  for (let t = 0; t < 100 && next() < 0; t++) {
    sim.advance(10);
    sim.flush(1);
  }
  expect(next(), 'a new leader while the old one is paused').toBeGreaterThanOrEqual(0);
  sim.propose(next(), 'w2');
  for (let k = 0; k < 20 && !sim.nodes[next()].sm.includes('w2'); k++) sim.flush(1);
  expect(sim.nodes[next()].sm).toContain('w2');

  sim.advance(500);
  sim.resume(old);
  expect(sim.nodes[old].core.role, 'the resumed node still believes it leads').toBe('leader');
  expect(sim.nodes[old].core.term).toBeLessThan(sim.nodes[next()].core.term);
  return { sim, old };
}

describe('reads at a leader resumed after a pause', () => {
  it('local mode serves a stale read: the write committed meanwhile is missing', () => {
    for (const seed of [3, 17, 41]) {
      const { sim, old } = resumedOldLeader(seed);
      const read = sim.read(old, 'local');
      expect(read.status).toBe('stale');
      expect(sim.nodes[old].sm.slice(0, read.index)).not.toContain('w2');
      expect(sim.staleLocalReads).toBe(1);
    }
  });

  for (const mode of ['read-index', 'lease'] as SimReadMode[]) {
    it(`${mode} mode never serves it: the read waits, then fails when the node learns the newer term`, () => {
      for (const seed of [3, 17, 41]) {
        const { sim, old } = resumedOldLeader(seed);
        const confirmed = sim.confirmedReads;
        const failed = sim.failedReads;
        expect(sim.read(old, mode).status).toBe('pending');
        sim.persist(old);
        expect(sim.confirmedReads, 'not served before a heartbeat round').toBe(confirmed);
        sim.stabilize(5);
        expect(sim.nodes[old].core.role).toBe('follower');
        expect(sim.confirmedReads).toBe(confirmed);
        expect(sim.failedReads).toBe(failed + 1);
        // At the current leader the same read is served, and sees w2.
        const leader = sim.nodes.findIndex((n) => n.core.role === 'leader');
        sim.read(leader, mode);
        sim.stabilize(2);
        expect(sim.confirmedReads).toBe(confirmed + 1);
        expect(sim.nodes[leader].sm).toContain('w2');
      }
    });
  }
});
