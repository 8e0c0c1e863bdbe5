/**
 * What a stale-leader episode waits for (stale-leader-episode.ts): a write acknowledged to a client
 * bound to the leader, seen in the history as it is recorded; and, once the leader is cut off,
 * another leader elected by the rest, seen by asking the target. Both are bounded: an episode goes on
 * without what did not come, and its completion says so (null).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Op } from '../src/core/op.js';
import type { NemesisContext } from './nemesis.js';
import { currentLeaders } from './leader-lookup.js';

/** Client ops that change state: what "a write" is. */
const WRITES = new Set(['write', 'cas', 'append', 'txn']);
/** How long the others may take to elect a leader once the old one is cut off. */
export const NEW_LEADER_WITHIN_MS = 10_000;
const POLL_MS = 50;

/**
 * The next write acknowledged to a client bound to `node` after this call — {index, process, f} —
 * or null when none comes within `withinMs` (or the run gives no history watch).
 */
export async function awaitWrite(ctx: NemesisContext, node: string, withinMs: number, signal: AbortSignal): Promise<Record<string, unknown> | null> {
  if (withinMs <= 0) return null;
  const op = await watchWrite(ctx, node, AbortSignal.any([signal, AbortSignal.timeout(withinMs)]));
  signal.throwIfAborted();
  return op;
}

/**
 * The first write acknowledged to a client bound to `node` from now until `until` aborts — {index,
 * process, f} — or null (also when the run gives no history watch). With `invokedSince`, only a write
 * also invoked from now on counts: one the node took after whatever was just done to it.
 */
export async function watchWrite(ctx: NemesisContext, node: string, until: AbortSignal, invokedSince = false): Promise<Record<string, unknown> | null> {
  const op = await firstAnswered(ctx, until, (x, home) => WRITES.has(x.f) && home === node, invokedSince);
  return op ? { index: op.index, process: op.process, f: op.f, ...(typeof op.key === 'string' ? { key: op.key } : {}) } : null;
}

/**
 * The first ok completion of an op that `matches` (given the op and its client's node) from now until
 * `until` aborts, or undefined (also when the run gives no history watch). With `invokedSince`, only
 * an op also invoked from now on counts: a client process has one op open at a time, so an ok from a
 * process seen invoking a matching op since is that op.
 */
async function firstAnswered(ctx: NemesisContext, until: AbortSignal, matches: (x: Op, home: string | undefined) => boolean, invokedSince: boolean): Promise<Op | undefined> {
  const watch = ctx.history;
  if (!watch) return undefined;
  const invoked = new Set<Op['process']>();
  return watch.next((x) => {
    if (!matches(x, watch.homeOf(x.process))) return false;
    if (x.type === 'invoke') invoked.add(x.process);
    return x.type === 'ok' && (!invokedSince || invoked.has(x.process));
  }, until);
}

/**
 * The first read of `key` (any key when undefined) a client bound to a node other than `node` had
 * answered ok, invoked after this call — {index, process} — or null when `until` aborts first (or
 * the run gives no history watch). Once `node`, cut off, acknowledged a write of `key` alone, such a
 * read that misses it shows the write lost.
 */
export async function watchReadElsewhere(ctx: NemesisContext, node: string, key: string | undefined, until: AbortSignal): Promise<Record<string, unknown> | null> {
  const matches = (x: Op, home: string | undefined) => home !== undefined && home !== node && x.f === 'read' && (key === undefined || x.key === key);
  const op = await firstAnswered(ctx, until, matches, true);
  return op ? { index: op.index, process: op.process } : null;
}

/** The first leader other than `old` that the target names, or null after NEW_LEADER_WITHIN_MS. */
export async function awaitOtherLeader(ctx: NemesisContext, old: string, signal: AbortSignal): Promise<string | null> {
  for (const deadline = performance.now() + NEW_LEADER_WITHIN_MS; performance.now() < deadline; ) {
    const other = (await currentLeaders(ctx)).find((n) => n !== old);
    if (other) return other;
    await sleep(POLL_MS, undefined, { signal });
  }
  return null;
}

/**
 * The first read a client bound to `node` has answered ok that can show `node` stale: invoked after
 * a write by a client bound to another node was acknowledged, on the same key when both name one —
 * {index, process, write} — or null when `until` aborts first (or the run gives no history watch).
 * Such a read of a value older than that write is an anomaly, whatever the timing of the rest.
 * With `on: 'invoke'`, the first such read invoked (still open: a stopped node answers it when it
 * resumes, from where it stopped).
 */
export async function watchStaleReadChance(ctx: NemesisContext, node: string, until: AbortSignal, on: 'ok' | 'invoke' = 'ok'): Promise<Record<string, unknown> | null> {
  const watch = ctx.history;
  if (!watch) return null;
  /** Per key (or '' for ops without one): the index of the last write acknowledged elsewhere. */
  const written = new Map<string, number>();
  /** Reads open on `node`'s clients that were invoked after such a write: process → that write. */
  const open = new Map<Op['process'], number>();
  const keyOf = (x: Op) => (typeof x.key === 'string' ? x.key : '');
  const op = await watch.next((x) => {
    const home = watch.homeOf(x.process);
    if (home === undefined) return false;
    if (home !== node) {
      if (x.type === 'ok' && WRITES.has(x.f)) written.set(keyOf(x), x.index);
      return false;
    }
    if (x.f !== 'read') return false;
    if (x.type === 'invoke') {
      const w = written.get(keyOf(x));
      if (w !== undefined) open.set(x.process, w);
      else open.delete(x.process);
      return on === 'invoke' && w !== undefined;
    }
    return x.type === 'ok' && open.has(x.process);
  }, until);
  return op ? { index: op.index, process: op.process, write: open.get(op.process) } : null;
}
