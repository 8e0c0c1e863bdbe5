/**
 * Random fault schedules for the simulated cluster: fast-check arbitraries of actions (deliver,
 * duplicate, drop, advance time, propose, persist, crash-restart, compact, read, isolate or pause a
 * node, resume, force an election, heal) and their replay.
 *
 * `action` spreads its weight over everything. `churnAction` is biased towards what the subtle Raft
 * bugs need: frequent leader changes, leaders cut off or paused right after appending entries that
 * reached only some followers (Figure 8: an earlier term's entry on a majority without the new
 * leader's own), stretches of time long enough for elections, and reads issued to whichever node
 * believes it leads, often the one with the oldest term (a deposed leader that has not noticed).
 */
import fc from 'fast-check';
import type { SimCluster } from './sim-cluster.js';

export type Action =
  | { a: 'deliver'; i: number }
  | { a: 'dup'; i: number }
  | { a: 'drop'; i: number }
  | { a: 'time'; ms: number }
  | { a: 'wait'; ms: number }
  | { a: 'propose'; n: number }
  | { a: 'persist'; n: number }
  | { a: 'crash'; n: number }
  | { a: 'compact'; n: number; keep: number }
  | { a: 'read'; n: number; lease: boolean }
  | { a: 'flush' }
  | { a: 'isolate'; n: number }
  | { a: 'pause'; n: number }
  | { a: 'resume'; n: number; read: boolean }
  | { a: 'campaign'; n: number }
  | { a: 'depose'; k: number; deliver: number[]; pause: boolean; companion: number | null }
  | { a: 'elect' }
  | { a: 'heal' };

/** Node numbers: 0–4 name a node; 5–9 one that believes it leads (newest term if even, oldest if odd). */
const node = fc.nat(9);

const arbitraries = {
  deliver: fc.record({ a: fc.constant('deliver' as const), i: fc.nat(50) }),
  dup: fc.record({ a: fc.constant('dup' as const), i: fc.nat(50) }),
  drop: fc.record({ a: fc.constant('drop' as const), i: fc.nat(50) }),
  time: fc.record({ a: fc.constant('time' as const), ms: fc.integer({ min: 1, max: 40 }) }),
  wait: fc.record({ a: fc.constant('wait' as const), ms: fc.integer({ min: 100, max: 250 }) }),
  propose: fc.record({ a: fc.constant('propose' as const), n: node }),
  persist: fc.record({ a: fc.constant('persist' as const), n: fc.nat(4) }),
  crash: fc.record({ a: fc.constant('crash' as const), n: fc.nat(4) }),
  compact: fc.record({ a: fc.constant('compact' as const), n: fc.nat(4), keep: fc.nat(3) }),
  read: fc.record({ a: fc.constant('read' as const), n: node, lease: fc.boolean() }),
  flush: fc.record({ a: fc.constant('flush' as const) }),
  isolate: fc.record({ a: fc.constant('isolate' as const), n: node }),
  pause: fc.record({ a: fc.constant('pause' as const), n: node }),
  resume: fc.record({ a: fc.constant('resume' as const), n: fc.nat(4), read: fc.boolean() }),
  campaign: fc.record({ a: fc.constant('campaign' as const), n: fc.nat(4) }),
  depose: fc.record({
    a: fc.constant('depose' as const),
    k: fc.nat(5),
    deliver: fc.array(fc.nat(50), { maxLength: 6 }),
    pause: fc.boolean(),
    companion: fc.option(fc.nat(4), { nil: null }),
  }),
  elect: fc.record({ a: fc.constant('elect' as const) }),
  heal: fc.record({ a: fc.constant('heal' as const) }),
} satisfies Record<Action['a'], fc.Arbitrary<Action>>;

function weighted(weights: Record<Action['a'], number>): fc.Arbitrary<Action> {
  const entries = Object.entries(weights) as [Action['a'], number][];
  return fc.oneof(...entries.filter(([, w]) => w > 0).map(([a, weight]) => ({ arbitrary: arbitraries[a] as fc.Arbitrary<Action>, weight })));
}

/** One scheduled action; weights favour delivery and persistence so that progress is possible. */
export const action: fc.Arbitrary<Action> = weighted({
  deliver: 30, dup: 2, drop: 4, time: 8, wait: 0, propose: 10, persist: 20, crash: 1, compact: 2,
  read: 3, flush: 6, isolate: 1, pause: 1, resume: 1, campaign: 1, depose: 0, elect: 0, heal: 1,
});

/** One action of a leader-churn schedule (see the file comment). */
export const churnAction: fc.Arbitrary<Action> = weighted({
  deliver: 30, dup: 1, drop: 6, time: 6, wait: 3, propose: 12, persist: 20, crash: 1, compact: 1,
  read: 8, flush: 4, isolate: 1, pause: 2, resume: 4, campaign: 3, depose: 6, elect: 5, heal: 4,
});

/** Replays `actions` on `sim`. */
export function run(sim: SimCluster, actions: Action[]): void {
  let cmd = 0;
  for (const x of actions) {
    switch (x.a) {
      case 'deliver': sim.deliver(x.i); break;
      case 'dup': sim.deliver(x.i, true); break;
      case 'drop': sim.drop(x.i); break;
      case 'time': sim.advance(x.ms); break;
      case 'wait': for (let t = 0; t < x.ms; t += 10) sim.advance(10); break;
      case 'propose': sim.propose(x.n, `c${cmd++}`); break;
      case 'persist': sim.persist(x.n); break;
      case 'crash': sim.crash(x.n); break;
      case 'compact': sim.compact(x.n, x.keep); break;
      case 'read': sim.read(x.n, x.lease ? 'lease' : 'read-index'); break;
      case 'flush': sim.flush(); break;
      case 'isolate': sim.isolate(x.n); break;
      case 'pause': sim.pause(x.n); break;
      case 'resume': {
        // With `read`, a client read was waiting in the resumed node's socket: it is served first.
        const i = sim.resumeAny(x.n);
        if (x.read && i !== undefined) sim.read(i);
        break;
      }
      case 'campaign': sim.campaign(x.n); break;
      case 'depose': {
        // The newest leader appends a few commands, a few messages get through, then it is paused or
        // cut off (alone or with one other node).
        const leader = sim.leaderIndex();
        if (leader === undefined) break;
        sim.heal();
        for (let j = 0; j < x.k; j++) sim.propose(leader, `c${cmd++}`);
        sim.persist(leader);
        for (const i of x.deliver) sim.deliver(i);
        if (x.pause) sim.pause(leader);
        else sim.cut(x.companion === null ? [leader] : [leader, x.companion]);
        break;
      }
      case 'elect': electQuickly(sim); break;
      case 'heal': sim.heal(); break;
    }
  }
}

/**
 * Time passes in 10 ms steps with only (pre-)vote messages getting through, until a node wins a term
 * newer than any leader had (at most 400 ms). Everything else stays in flight.
 */
function electQuickly(sim: SimCluster): void {
  const newest = (): number => Math.max(0, ...sim.nodes.filter((n) => n.core.role === 'leader').map((n) => n.core.term));
  const before = newest();
  for (let t = 0; t < 400 && newest() <= before; t += 10) {
    sim.advance(10);
    for (let k = 0; k < 6; k++) {
      sim.deliverWhere((m) => m.type === 'vote' || m.type === 'vote-resp');
      sim.nodes.forEach((_, i) => sim.persist(i));
    }
  }
}
