/**
 * The Raft safety properties the simulated cluster asserts after every step (Raft paper §5.2–5.4):
 * election safety, log matching, leader completeness and state-machine safety. Kept apart from the
 * simulation so that the history it needs (leaders per term, every entry ever seen committed) lives
 * in one place.
 */
import type { RaftCore } from '../../../../targets/raft-kv/core/raft.js';
import type { RaftLog } from '../../../../targets/raft-kv/core/raft-log.js';
import type { Entry } from '../../../../targets/raft-kv/core/types.js';

/** Remembers what the cluster has done so far and throws on the first safety violation. */
export class SafetyChecker {
  private leaders = new Map<number, string>();
  /** index → entry of every entry any node has seen committed, with the term it was observed in. */
  private committed = new Map<number, { entry: Entry; seenInTerm: number }>();
  /** Highest commit index any node has reached so far (the floor for a linearizable read). */
  maxCommit = 0;

  /** Election safety, leader completeness, state-machine safety (on commit) and log matching. */
  check(cores: RaftCore[]): void {
    for (const c of cores) {
      if (c.role === 'leader') {
        const other = this.leaders.get(c.term);
        if (other && other !== c.id) throw new Error(`election safety: ${other} and ${c.id} both lead term ${c.term}`);
        this.leaders.set(c.term, c.id);
        for (const [i, { entry, seenInTerm }] of this.committed) {
          if (seenInTerm >= c.term || i <= c.log.base) continue;
          if (c.log.term(i) !== entry.term) throw new Error(`leader completeness: ${c.id} (term ${c.term}) lacks committed ${i}@${entry.term}`);
        }
      }
      for (let i = Math.max(c.log.base + 1, 1); i <= c.commit; i++) {
        const e = c.log.entry(i)!;
        const seen = this.committed.get(i);
        if (!seen) this.committed.set(i, { entry: e, seenInTerm: c.term });
        else if (seen.entry.term !== e.term || seen.entry.cmd !== e.cmd) throw new Error(`state machine safety: ${c.id} commits ${i}@${e.term}, others ${i}@${seen.entry.term}`);
      }
      this.maxCommit = Math.max(this.maxCommit, c.commit);
    }
    for (let a = 0; a < cores.length; a++) {
      for (let b = a + 1; b < cores.length; b++) checkLogMatching(cores[a].log, cores[b].log);
    }
  }

  /** State-machine safety on apply: node `id` applied `cmds` from index `from` on. */
  checkApplied(id: string, from: number, cmds: string[]): void {
    cmds.forEach((cmd, k) => {
      const c = this.committed.get(from + k);
      if (c && c.entry.cmd !== cmd) throw new Error(`${id}: applied ${JSON.stringify(cmd)} at ${from + k}, committed was ${JSON.stringify(c.entry.cmd)}`);
    });
  }
}

/** Log matching: if two logs agree on the term at an index, they agree on everything up to it. */
export function checkLogMatching(a: RaftLog, b: RaftLog): void {
  const lo = Math.max(a.base, b.base) + 1;
  const hi = Math.min(a.lastIndex(), b.lastIndex());
  let agreed = false;
  for (let i = hi; i >= lo; i--) {
    const ea = a.entry(i)!;
    const eb = b.entry(i)!;
    if (agreed || ea.term === eb.term) {
      agreed = true;
      if (ea.term !== eb.term || ea.cmd !== eb.cmd) throw new Error(`log matching: logs agree above ${i} but differ at ${i}`);
    }
  }
}
