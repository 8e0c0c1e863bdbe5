/**
 * Generates a faultline kv history (read/write on many keys, unique values per key) from a simulated
 * replicated store, for the weak-model benchmark: one log of writes; each replica has applied a prefix
 * of it and catches up at random; each worker talks to one replica, reads the latest value of a key
 * there, or writes (appending to the log and bringing its replica up to date). Every state a read sees
 * is a prefix of one order, and each worker's replica only moves forwards and holds its own writes, so
 * the history satisfies every model the weak checkers know — they have to check all of it (unless
 * `ownWritesLate` breaks it on purpose). Some ops
 * time out (`info`): a timed-out write took effect or not at random, and the worker continues as a
 * new process, as in a real run.
 */
import type { Op } from '../src/core/op.js';
import { mulberry32 } from './mulberry32.js';

/** Shape of the generated history. */
export interface KvHistoryOptions {
  /** Client ops (each an invoke and a completion). */
  ops: number;
  keys: number;
  /** Client workers (concurrent sessions at any time). */
  workers: number;
  replicas?: number;
  /** Share of ops that time out. */
  infoRate?: number;
  /** Chance per op that a lagging replica catches up a little. */
  catchUp?: number;
  /**
   * A fault to find: a client's write goes to the log but its replica does not apply it at once (it
   * catches up later like the others), so the client may read an older value after its own write.
   */
  ownWritesLate?: boolean;
  seed?: number;
}

interface Replica {
  applied: number;
  state: Map<string, number>;
}

/** Builds the history; deterministic for a given seed. */
export function kvHistory(o: KvHistoryOptions): Op[] {
  const rand = mulberry32(o.seed ?? 1);
  const replicas: Replica[] = Array.from({ length: o.replicas ?? 3 }, () => ({ applied: 0, state: new Map() }));
  const log: { key: string; value: number }[] = [];
  const applyTo = (r: Replica, upTo: number): void => {
    for (; r.applied < upTo; r.applied++) r.state.set(log[r.applied].key, log[r.applied].value);
  };
  const process = Array.from({ length: o.workers }, (_, w) => w);
  const out: Op[] = [];
  const add = (op: Omit<Op, 'index' | 'time'>): void => {
    out.push({ index: out.length, time: out.length * 1000, ...op } as Op);
  };
  let next = 1;
  for (let i = 0; i < o.ops; i++) {
    const w = Math.floor(rand() * o.workers);
    const replica = replicas[w % replicas.length];
    const key = `k${Math.floor(rand() * o.keys)}`;
    const p = process[w];
    const info = rand() < (o.infoRate ?? 0.002);
    if (rand() < 0.5) {
      add({ process: p, type: 'invoke', f: 'read', key, value: null });
      if (info) add({ process: p, type: 'info', f: 'read', key, value: null, error: 'timed-out' });
      else add({ process: p, type: 'ok', f: 'read', key, value: replica.state.get(key) ?? null });
    } else {
      const value = next++;
      add({ process: p, type: 'invoke', f: 'write', key, value });
      if (!info || rand() < 0.5) {
        log.push({ key, value });
        if (!o.ownWritesLate) applyTo(replica, log.length);
      }
      add({ process: p, type: info ? 'info' : 'ok', f: 'write', key, value, ...(info ? { error: 'timed-out' } : {}) });
    }
    if (info) process[w] += o.workers;
    for (const r of replicas) if (rand() < (o.catchUp ?? 0.3)) applyTo(r, Math.min(log.length, r.applied + 1 + Math.floor(rand() * 8)));
  }
  return out;
}
