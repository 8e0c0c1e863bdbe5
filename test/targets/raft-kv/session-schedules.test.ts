/**
 * `read-mode=session` under the Raft core's fault schedules: client sessions (support/sim-sessions.ts)
 * write at whichever node believes it leads and read at any node, served once that node has applied
 * the session's last seen index, while messages are lost, duplicated and reordered, nodes crash,
 * pause and are cut off. Every served read is checked for read-your-writes and monotonic reads, every
 * acknowledged write for monotonic writes and writes-follow-reads; once healed, every session reads
 * at every node. Serving reads without the index (`read-mode=follower`) breaks a guarantee within
 * the same number of schedules: the check can fail.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertEveryRun } from './support/every-run.js';
import { SimCluster } from './support/sim-cluster.js';
import { action, run, type Action } from './support/sim-schedule.js';
import { SimSessions } from './support/sim-sessions.js';
import { assertLive } from './support/sim-steps.js';

type SessionAction = Action | { a: 'sread'; s: number; n: number } | { a: 'swrite'; s: number; n: number };

const sessionAction: fc.Arbitrary<SessionAction> = fc.oneof(
  { arbitrary: action, weight: 5 },
  { arbitrary: fc.record({ a: fc.constant('sread' as const), s: fc.nat(3), n: fc.nat(4) }), weight: 2 },
  { arbitrary: fc.record({ a: fc.constant('swrite' as const), s: fc.nat(3), n: fc.nat(9) }), weight: 2 },
);

function play(seed: number, actions: SessionAction[], ignoreIndex: boolean): SimSessions {
  const sim = new SimCluster(3, seed);
  const sessions = new SimSessions(sim, 4, ignoreIndex);
  for (const x of actions) {
    if (x.a === 'sread') sessions.read(x.s, x.n);
    else if (x.a === 'swrite') sessions.write(x.s, x.n);
    else run(sim, [x]);
    sessions.poll();
  }
  assertLive(sim);
  sessions.poll();
  for (let s = 0; s < 4; s++) for (let n = 0; n < 3; n++) expect(sessions.read(s, n), `session ${s} at n${n + 1} once healed`).toBe('served');
  return sessions;
}

const schedule = fc.tuple(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(sessionAction, { minLength: 100, maxLength: 500, size: 'max' }));

describe('session reads under simulated faults', () => {
  it('keep every session guarantee, and every node serves every session once healed', { timeout: 120_000 }, () => {
    const total = { served: 0, held: 0, acked: 0 };
    assertEveryRun(
      fc.property(schedule, ([seed, actions]) => {
        const c = play(seed, actions, false).counts;
        total.served += c.served;
        total.held += c.held;
        total.acked += c.acked;
      }),
      150,
    );
    expect(total.held, 'lagging nodes held reads back').toBeGreaterThan(0);
    expect(total.acked, 'sessions had writes acknowledged').toBeGreaterThan(100);
  });

  it('serving reads without the session index breaks a guarantee', { timeout: 120_000 }, () => {
    const found = fc.check(fc.property(schedule, ([seed, actions]) => void play(seed, actions, true)), { numRuns: 150, endOnFailure: true });
    expect(found.failed).toBe(true);
    expect(String(found.errorInstance)).toMatch(/read-your-writes|monotonic reads/);
  });
});
