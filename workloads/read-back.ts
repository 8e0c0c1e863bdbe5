/**
 * The final phase of the register workload: after every fault has healed, read back every key the
 * load phase wrote to (or tried to), once each, spread over the client threads (thread t reads the
 * keys at positions t, t + concurrency, …). A fault that loses acknowledged writes — a power loss of
 * every node that drops what was not fsynced, a leader that acknowledged writes it never committed —
 * often hits keys the load phase has already left; without a read after it, no checker would see the
 * loss. The keys come from the history so far (`WorkloadContext.history`), so the phase is built when
 * it starts (`deferred`); which keys there are depends on how far the load phase got.
 */
import { PENDING, type Generator } from '../src/core/generator.js';
import { deferred, eachProcess, gen, someFreeProcess } from '../src/core/generators/index.js';
import type { Op } from '../src/core/op.js';

/** The keys client writes and compare-and-sets were invoked on, in the order first seen. */
export function keysWritten(history: readonly Op[], fs: readonly string[] = ['write', 'cas']): string[] {
  const seen = new Set<string>();
  for (const op of history) if (op.type === 'invoke' && op.key !== undefined && typeof op.process === 'number' && fs.includes(op.f)) seen.add(op.key);
  return [...seen];
}

/** Thread t's reads: keys t, t + concurrency, … of `keys`. */
function readShare(keys: readonly string[], next?: number): Generator {
  const self: Generator = {
    op(test, ctx) {
      const t = ctx.threads[0];
      const i = next ?? (typeof t === 'number' ? t : 0);
      if (i >= keys.length) return null;
      const process = someFreeProcess(ctx);
      if (process === undefined) return { op: PENDING, gen: self };
      return { op: { type: 'invoke', process, time: ctx.time, f: 'read', key: keys[i], value: null }, gen: readShare(keys, i + test.concurrency) };
    },
    update() {
      return self;
    },
  };
  return self;
}

/** Reads back every key the history so far wrote to; nothing when there is no history to ask. */
export function readBack(history: (() => readonly Op[]) | undefined): Generator {
  return history ? deferred(() => eachProcess(readShare(keysWritten(history())))) : gen([]);
}
