/**
 * Step-by-step control of the simulated cluster for hand-written scenarios: which messages get
 * through, who gets elected with whose votes. Nodes are named by index (0 = n1).
 */
import { expect } from 'vitest';
import type { Message } from '../../../../targets/raft-kv/core/types.js';
import type { SimCluster } from './sim-cluster.js';

/** Node index of a node name (`n3` → 2). */
export const nodeIndex = (id: string): number => Number(id.slice(1)) - 1;

/** Selects messages between members of `group` (node indices). */
export const among =
  (...group: number[]) =>
  (m: Message): boolean =>
    group.includes(nodeIndex(m.from)) && group.includes(nodeIndex(m.to));

/** Selects (pre-)vote requests and answers. */
export const votes = (m: Message): boolean => m.type === 'vote' || m.type === 'vote-resp';

/**
 * Delivers the messages `which` selects, and persists every running node (sending what it deferred),
 * until no selected message is in flight. Other messages stay in flight.
 */
export function exchange(sim: SimCluster, which: (m: Message) => boolean): void {
  for (let round = 0; round < 50; round++) {
    sim.deliverWhere(which);
    sim.nodes.forEach((_, i) => sim.persist(i));
    if (!sim.network.some((m) => which(m) && !sim.paused.has(m.to))) return;
  }
  throw new Error('exchange: messages still flowing after 50 rounds');
}

/**
 * Lets every vote fence and election timer run out (whatever the timers send is lost), then has
 * `node` campaign with only `voters` reachable, for up to three elections (a first attempt may only
 * teach it a newer term). Returns whether it won; its first AppendEntries are left in flight.
 */
export function tryElect(sim: SimCluster, node: number, voters: number[]): boolean {
  for (let attempt = 0; attempt < 3; attempt++) {
    sim.advance(250);
    sim.nodes.forEach((_, i) => sim.persist(i));
    sim.network = [];
    sim.campaign(node);
    exchange(sim, (m) => votes(m) && among(node, ...voters)(m));
    if (sim.nodes[node].core.role === 'leader') return true;
  }
  return false;
}

/** `tryElect`, asserting that `node` wins. */
export function elect(sim: SimCluster, node: number, voters: number[]): void {
  expect(tryElect(sim, node, voters), `${sim.nodes[node].id} elected by ${voters.map((v) => sim.nodes[v].id)}`).toBe(true);
}

/** One heartbeat round of the leader(s), exchanged among `group`; `rounds` times. */
export function heartbeats(sim: SimCluster, group: number[], rounds = 1): void {
  for (let r = 0; r < rounds; r++) {
    sim.advance(20);
    exchange(sim, among(...group));
  }
}

/** The term of each node's log entry at `index` (undefined where it has none). */
export function termsAt(sim: SimCluster, index: number): (number | undefined)[] {
  return sim.nodes.map((n) => n.core.log.term(index));
}

/** Liveness once faults stop: after healing, a leader emerges and a new command reaches every node's state machine. */
export function assertLive(sim: SimCluster): void {
  const leader = sim.stabilize(60);
  expect(leader, 'a leader after healing').toBeDefined();
  leader!.propose('final');
  sim.stabilize(30);
  for (const sm of sim.applied()) expect(sm[sm.length - 1]).toBe('final');
}
