/**
 * The threads of a running test as an interpreter (real or simulated) tracks them: which are free,
 * which process each one currently runs, and the GenContext handed to generators. Local mutable
 * state owned by one interpreter run; the contexts it hands out are snapshots that never change
 * afterwards (rebuilt only after something changed).
 */
import type { GenContext, Thread } from '../generator.js';
import type { ProcessId } from '../op.js';

/** Thread bookkeeping for one interpreter run. */
export interface WorkerTable {
  /** Client threads 0..concurrency-1, then 'nemesis' if there is one. */
  readonly threads: readonly Thread[];
  /** Threads with an op (or a sleep) in progress. */
  readonly busy: number;
  /** A snapshot context at `time`. */
  context(time: number): GenContext;
  /** The thread currently running `process`, if any. */
  threadOf(process: ProcessId): Thread | undefined;
  /** The process `thread` currently runs. */
  processOf(thread: Thread): ProcessId;
  isFree(thread: Thread): boolean;
  /** Marks `thread` busy. */
  take(thread: Thread): void;
  /** Marks `thread` free. */
  release(thread: Thread): void;
  /** After an `info`: a client thread continues as process + concurrency (the nemesis keeps its id). */
  retire(thread: Thread): void;
  /** The current process of every thread (a copy). */
  processes(): Map<Thread, ProcessId>;
}

/**
 * A table of `concurrency` client threads, plus the nemesis thread if `nemesis`. Each thread starts
 * as its own id, or as the process given in `initial` (to continue the process ids of an earlier run).
 */
export function workerTable(concurrency: number, nemesis: boolean, initial?: ReadonlyMap<Thread, ProcessId>): WorkerTable {
  const threads: Thread[] = Array.from({ length: concurrency }, (_, i) => i as Thread);
  if (nemesis) threads.push('nemesis');
  const procs = new Map<Thread, ProcessId>(threads.map((t) => [t, initial?.get(t) ?? t]));
  const byProcess = new Map<ProcessId, Thread>(threads.map((t) => [procs.get(t)!, t]));
  const free = new Set<Thread>(threads);
  let snapFree: ReadonlySet<Thread> | null = null;
  let snapProcs: ReadonlyMap<Thread, ProcessId> | null = null;
  return {
    threads,
    get busy() {
      return threads.length - free.size;
    },
    context: (time) => ({ time, threads, freeThreads: (snapFree ??= new Set(free)), workers: (snapProcs ??= new Map(procs)) }),
    threadOf: (p) => byProcess.get(p),
    processOf: (t) => procs.get(t)!,
    isFree: (t) => free.has(t),
    take(t) {
      free.delete(t);
      snapFree = null;
    },
    release(t) {
      free.add(t);
      snapFree = null;
    },
    retire(t) {
      if (t === 'nemesis') return;
      const old = procs.get(t)!;
      const next = (old as number) + concurrency;
      byProcess.delete(old);
      byProcess.set(next, t);
      procs.set(t, next);
      snapProcs = null;
    },
    processes: () => new Map(procs),
  };
}
