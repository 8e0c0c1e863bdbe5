/**
 * Random fault schedules for the simulated cluster: fast-check arbitraries of actions (deliver,
 * duplicate, drop, advance time, propose, persist, crash-restart, compact, read, isolate a node,
 * heal) and their replay.
 */
import fc from 'fast-check';
import type { SimCluster } from './sim-cluster.js';

export type Action =
  | { a: 'deliver'; i: number }
  | { a: 'dup'; i: number }
  | { a: 'drop'; i: number }
  | { a: 'time'; ms: number }
  | { a: 'propose'; n: number }
  | { a: 'persist'; n: number }
  | { a: 'crash'; n: number }
  | { a: 'compact'; n: number; keep: number }
  | { a: 'read'; n: number; lease: boolean }
  | { a: 'pause'; n: number }
  | { a: 'resume'; n: number }
  | { a: 'flush' }
  | { a: 'isolate'; n: number }
  | { a: 'heal' };

/** One scheduled action; weights favour delivery and persistence so that progress is possible. */
export const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.record({ a: fc.constant('deliver' as const), i: fc.nat(50) }), weight: 30 },
  { arbitrary: fc.record({ a: fc.constant('dup' as const), i: fc.nat(50) }), weight: 2 },
  { arbitrary: fc.record({ a: fc.constant('drop' as const), i: fc.nat(50) }), weight: 4 },
  { arbitrary: fc.record({ a: fc.constant('time' as const), ms: fc.integer({ min: 1, max: 40 }) }), weight: 8 },
  { arbitrary: fc.record({ a: fc.constant('propose' as const), n: fc.nat(9) }), weight: 10 },
  { arbitrary: fc.record({ a: fc.constant('persist' as const), n: fc.nat(4) }), weight: 20 },
  { arbitrary: fc.record({ a: fc.constant('crash' as const), n: fc.nat(4) }), weight: 1 },
  { arbitrary: fc.record({ a: fc.constant('compact' as const), n: fc.nat(4), keep: fc.nat(3) }), weight: 2 },
  { arbitrary: fc.record({ a: fc.constant('read' as const), n: fc.nat(9), lease: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ a: fc.constant('flush' as const) }), weight: 6 },
  { arbitrary: fc.record({ a: fc.constant('isolate' as const), n: fc.nat(9) }), weight: 1 },
  { arbitrary: fc.record({ a: fc.constant('heal' as const) }), weight: 1 },
);

/** Replays `actions` on `sim`. */
export function run(sim: SimCluster, actions: Action[]): void {
  let cmd = 0;
  for (const x of actions) {
    switch (x.a) {
      case 'deliver': sim.deliver(x.i); break;
      case 'dup': sim.deliver(x.i, true); break;
      case 'drop': sim.drop(x.i); break;
      case 'time': sim.advance(x.ms); break;
      case 'propose': sim.propose(x.n, `c${cmd++}`); break;
      case 'persist': sim.persist(x.n); break;
      case 'crash': sim.crash(x.n); break;
      case 'compact': sim.compact(x.n, x.keep); break;
      case 'read': sim.read(x.n, x.lease ? 'lease' : 'read-index'); break;
      case 'pause': sim.pause(x.n); break;
      case 'resume': sim.resumeAny(x.n); break;
      case 'flush': sim.flush(); break;
      case 'isolate': sim.isolate(x.n); break;
      case 'heal': sim.heal(); break;
    }
  }
}

