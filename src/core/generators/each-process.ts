/**
 * `eachProcess(g)` (Jepsen's `each-thread`): every thread runs its own independent copy of g, which
 * sees a context holding only that thread and only that thread's events. Among the free threads whose
 * copies have an op, the earliest op wins (ties: thread order). It is exhausted when no copy has
 * anything left: a busy thread's copy is asked too (its thread is not free, so it can only answer
 * pending or exhausted), so a thread whose last op is still in flight does not hold up what follows
 * (e.g. its group's next key in `independentKeys`). Each copy gets a run seed of its own (salted by
 * its thread, not its process), so random copies differ and a thread's stream survives an `info`.
 */
import { PENDING, type GenContext, type GenOp, type GenStep, type Generator, type Thread } from '../generator.js';
import { contextFor, threadOf } from './context.js';
import { gen, type GenLike } from './lift.js';
import { childTest } from './random.js';

/** An independent copy of `g` for each thread. */
export function eachProcess(g: GenLike): Generator {
  return perThread(gen(g), new Map());
}

function perThread(fresh: Generator, copies: ReadonlyMap<Thread, Generator>): Generator {
  return {
    op(test, ctx: GenContext): GenStep {
      let best: { thread: Thread; op: GenOp; gen: Generator } | null = null;
      let next: Map<Thread, Generator> | null = null; // copies advanced by a pending answer
      let pending = false;
      for (const t of ctx.threads) {
        const copy = copies.get(t) ?? fresh;
        const step = copy.op(childTest(test, t), contextFor(ctx, [t]));
        if (step === null) continue;
        if (step.op === PENDING) {
          pending = true;
          (next ??= new Map(copies)).set(t, step.gen);
        } else if (!ctx.freeThreads.has(t)) {
          throw new Error(`eachProcess: the copy on thread ${String(t)} emitted ${step.op.f} while its thread is busy`);
        } else if (!best || step.op.time < best.op.time) {
          best = { thread: t, op: step.op, gen: step.gen };
        }
      }
      if (best) {
        const m = next ?? new Map(copies);
        m.set(best.thread, best.gen);
        return { op: best.op, gen: perThread(fresh, m) };
      }
      if (!pending) return null;
      return { op: PENDING, gen: next ? perThread(fresh, next) : perThread(fresh, copies) };
    },
    update(test, ctx, event) {
      const t = threadOf(ctx, event.process);
      if (t === undefined) return perThread(fresh, copies);
      const copy = copies.get(t) ?? fresh;
      const m = new Map(copies);
      m.set(t, copy.update(childTest(test, t), contextFor(ctx, [t]), event));
      return perThread(fresh, m);
    },
  };
}
