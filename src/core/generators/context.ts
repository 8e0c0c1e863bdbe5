/**
 * Helpers over a generator context: which threads are free, which thread runs a process, and views
 * of the context restricted to some threads (the basis of onThreads, eachProcess and independentKeys).
 *
 * Every helper is pure: a context is never mutated, restricted views are new objects.
 */
import type { GenContext, Thread } from '../generator.js';
import type { ProcessId } from '../op.js';

/** The thread currently running `process`, or undefined if no thread does. */
export function threadOf(ctx: GenContext, process: ProcessId): Thread | undefined {
  for (const [thread, p] of ctx.workers) if (p === process) return thread;
  return undefined;
}

/**
 * The process of the first free thread, in `ctx.threads` order (client threads first, then the
 * nemesis), or undefined when every thread is busy. Deterministic: the same context gives the same
 * answer.
 */
export function someFreeProcess(ctx: GenContext): ProcessId | undefined {
  for (const t of ctx.threads) {
    if (ctx.freeThreads.has(t)) return ctx.workers.get(t);
  }
  return undefined;
}

/** True when every thread of the context is free (the barrier condition of `phases`). */
export function allFree(ctx: GenContext): boolean {
  for (const t of ctx.threads) if (!ctx.freeThreads.has(t)) return false;
  return true;
}

/** True when at least one thread of the context is free. */
export function anyFree(ctx: GenContext): boolean {
  for (const t of ctx.threads) if (ctx.freeThreads.has(t)) return true;
  return false;
}

/** The context as seen by a generator that may only use the threads that `keep` accepts. */
export function restrictContext(ctx: GenContext, keep: (t: Thread) => boolean): GenContext {
  const threads = ctx.threads.filter(keep);
  const freeThreads = new Set<Thread>();
  const workers = new Map<Thread, ProcessId>();
  for (const t of threads) {
    if (ctx.freeThreads.has(t)) freeThreads.add(t);
    const p = ctx.workers.get(t);
    if (p !== undefined) workers.set(t, p);
  }
  return { time: ctx.time, threads, freeThreads, workers };
}

/** The context as seen by a generator that owns exactly `threads` (a subset of the context's). */
export function contextFor(ctx: GenContext, threads: readonly Thread[]): GenContext {
  const set = new Set(threads);
  return restrictContext(ctx, (t) => set.has(t));
}
