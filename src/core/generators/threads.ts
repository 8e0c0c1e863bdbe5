/**
 * Routing ops to threads. `onThreads(which, g)` runs g in a context restricted to some threads: g sees
 * only those threads (free or not), so it can only emit ops for their processes, and only events from
 * those threads reach its `update`. `onClients` and `onNemesis` are the usual two restrictions. A
 * restriction that leaves no thread at all is exhausted (it could never emit).
 */
import type { GenContext, Generator, Thread } from '../generator.js';
import type { Op } from '../op.js';
import { restrictContext, threadOf } from './context.js';
import { gen, type GenLike } from './lift.js';

/** Which threads: a predicate or an explicit list. */
export type ThreadSelector = ((t: Thread) => boolean) | readonly Thread[];

/** `g` restricted to the threads `which` selects. */
export function onThreads(which: ThreadSelector, g: GenLike): Generator {
  const keep = typeof which === 'function' ? which : listed(which);
  if (typeof keep !== 'function') throw new TypeError(`onThreads: expected a predicate or a list of threads, got ${String(which)}`);
  return restricted(keep, gen(g));
}

/** `g` on the client threads only. */
export function onClients(g: GenLike): Generator {
  return restricted(isClient, gen(g));
}

/** `g` on the nemesis thread only. */
export function onNemesis(g: GenLike): Generator {
  return restricted(isNemesis, gen(g));
}

const isClient = (t: Thread) => t !== 'nemesis';
const isNemesis = (t: Thread) => t === 'nemesis';

function listed(ts: readonly Thread[]): (t: Thread) => boolean {
  if (!Array.isArray(ts)) throw new TypeError(`onThreads: expected a predicate or a list of threads, got ${String(ts)}`);
  const set = new Set(ts);
  return (t) => set.has(t);
}

function restricted(keep: (t: Thread) => boolean, g: Generator): Generator {
  const self: Generator = {
    op(test, ctx) {
      const sub = restrictContext(ctx, keep);
      if (sub.threads.length === 0) return null;
      const step = g.op(test, sub);
      return step && { op: step.op, gen: restricted(keep, step.gen) };
    },
    update(test, ctx: GenContext, event: Op) {
      const t = threadOf(ctx, event.process);
      if (t === undefined || !keep(t)) return self;
      return restricted(keep, g.update(test, restrictContext(ctx, keep), event));
    },
  };
  return self;
}
