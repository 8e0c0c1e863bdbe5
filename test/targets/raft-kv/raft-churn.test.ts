/**
 * The Raft core under leader-churn schedules (`churnAction`): quick elections with only vote messages
 * getting through, leaders paused or cut off right after appending entries that reached only some
 * followers, and reads sent to whichever node believes it leads, often a deposed one, or waiting in
 * a paused leader's socket until it resumes. These are the schedules that reach Raft's subtle cases:
 * an earlier term's entry on a majority (Figure 8, commit only by counting an entry of the current
 * term) and a read at a deposed leader (read-index must confirm leadership after the read arrived).
 * SimCluster asserts safety, and that no read-index or lease read is older than the highest commit
 * index at the time it was asked, after every step; each schedule must end live.
 *
 * Planted bugs these properties caught, measured over repeated runs: commit by counting replicas of
 * an earlier term (Figure 8; the base schedules of raft-core.test.ts missed it in 8,000 runs per
 * size) within 2–71 runs; read-index confirmed without a fresh majority round within 3–79; read
 * confirmed by the acks of the heartbeat round before the read arrived within 10–201; a new leader
 * serving reads before committing an entry of its term within 1–25. The run counts leave a margin while
 * keeping each property to a few seconds (3–24 s each on the shared 2-core machine, load 5–20).
 * Every run happens, whatever the load (support/every-run.ts): only shrinking a failure is bounded.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { assertEveryRun } from './support/every-run.js';
import { SimCluster } from './support/sim-cluster.js';
import { churnAction, run } from './support/sim-schedule.js';
import { assertLive } from './support/sim-steps.js';

describe('raft core under leader churn', () => {
  for (const [size, numRuns] of [[3, 400], [5, 300]]) {
    it(`keeps safety, fresh reads and liveness with ${size} nodes`, { timeout: 120_000 }, () => {
      assertEveryRun(
        fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(churnAction, { minLength: 100, maxLength: 600, size: 'max' }), (seed, actions) => {
          const sim = new SimCluster(size, seed);
          run(sim, actions);
          assertLive(sim);
        }),
        numRuns,
      );
    });
  }
});
