/**
 * Helpers for generator tests: histories as compact tuples, and a context builder.
 */
import type { GenContext, Thread } from '../../../src/core/generator.js';
import type { Op, ProcessId } from '../../../src/core/op.js';

/** `[time, process, type, f, value]` (plus the key when present) for each record. */
export function rows(history: readonly Op[]): unknown[][] {
  return history.map((o) => (o.key === undefined ? [o.time, o.process, o.type, o.f, o.value] : [o.time, o.process, o.type, o.f, o.value, o.key]));
}

/** Only the invokes, as `[time, process, f, value]` (plus key). */
export function invokes(history: readonly Op[]): unknown[][] {
  return history.filter((o) => o.type === 'invoke').map((o) => (o.key === undefined ? [o.time, o.process, o.f, o.value] : [o.time, o.process, o.f, o.value, o.key]));
}

/** A context with `threads`, all free unless listed in `busy`, each thread its own process. */
export function context(threads: Thread[], busy: Thread[] = [], time = 0): GenContext {
  return {
    time,
    threads,
    freeThreads: new Set(threads.filter((t) => !busy.includes(t))),
    workers: new Map<Thread, ProcessId>(threads.map((t) => [t, t])),
  };
}
