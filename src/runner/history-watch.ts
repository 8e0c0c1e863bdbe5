/**
 * The runner's side of `HistoryWatch` (nemeses/nemesis.ts): the history, record by record as the
 * interpreter appends it, offered to the nemesis, so that a fault can be timed by what clients just
 * did — the leader cut off right after it acknowledged a client's write. A waiter sees only records
 * appended after it started waiting; nothing is kept, so the watch costs nothing when nobody waits.
 * Which node a client process is bound to follows the workers' rule (drive.ts): process p runs on
 * thread p mod concurrency (a process retired after an `info` continues as p + concurrency), and
 * thread t talks to node t mod n.
 */
import type { Op } from '../core/op.js';
import type { HistoryWatch } from '../../nemeses/nemesis.js';

/** The node client thread `thread` is bound to, among `nodes`. */
export function homeNode<T>(thread: number, nodes: readonly T[]): T {
  return nodes[thread % nodes.length]!;
}

/** A history watch the runner feeds with `record`. */
export interface FedHistoryWatch extends HistoryWatch {
  /** Call with every record, in history order. */
  record(op: Op): void;
}

interface Waiter {
  pred(op: Op): boolean;
  done(op: Op | undefined): void;
}

/** A watch over a run of `concurrency` client threads on `nodes`. */
export function historyWatch(nodes: readonly string[], concurrency: number): FedHistoryWatch {
  const waiters = new Set<Waiter>();
  return {
    homeOf(process) {
      return typeof process === 'number' ? homeNode(process % concurrency, nodes) : undefined;
    },
    next(pred, signal) {
      if (signal.aborted) return Promise.resolve(undefined);
      return new Promise((resolve) => {
        const w: Waiter = {
          pred,
          done(op) {
            waiters.delete(w);
            signal.removeEventListener('abort', onAbort);
            resolve(op);
          },
        };
        const onAbort = () => w.done(undefined);
        signal.addEventListener('abort', onAbort, { once: true });
        waiters.add(w);
      });
    },
    record(op) {
      for (const w of [...waiters]) {
        let hit = false;
        try {
          hit = w.pred(op);
        } catch {
          hit = false; // a predicate that throws matches nothing; the recorder never fails
        }
        if (hit) w.done(op);
      }
    },
  };
}
