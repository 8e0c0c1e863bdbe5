/**
 * Generators: pure, seeded schedules of operations (Jepsen's generator model).
 *
 * A generator is an immutable value. Asked for an operation in a context (the time, which threads are
 * free, each thread's current process), it answers with the next op and the generator that follows,
 * `pending` (nothing to do until something changes: time passes or a thread frees up), or `null`
 * (exhausted). Every invoke and completion is fed back through `update`, which is how barriers,
 * `eachProcess` and friends learn what happened. Randomness comes from a pure RNG seeded by the run's
 * seed and carried inside the generator, so the same seed always yields the same op sequence.
 *
 * This file holds the vocabulary; the combinators live beside it (src/core/generators/*).
 */
import type { Op, ProcessId } from './op.js';

/** A worker thread: client threads are 0..concurrency-1; the nemesis has its own thread. */
export type Thread = number | 'nemesis';

/** What a generator sees when asked for an op. */
export interface GenContext {
  /** Nanoseconds since the test started (simulated in tests). */
  readonly time: number;
  /** Every thread, client threads first, then 'nemesis' if there is one. */
  readonly threads: readonly Thread[];
  /** Threads with no op in flight. */
  readonly freeThreads: ReadonlySet<Thread>;
  /** The current process of each thread (client processes grow by `concurrency` after an `info`). */
  readonly workers: ReadonlyMap<Thread, ProcessId>;
}

/**
 * An op a generator emits. `type: 'invoke'` ops go to the worker of `process` at `time` (the
 * interpreter waits until then); `type: 'sleep'` occupies that process for `value` seconds; `type:
 * 'log'` writes `value` to the harness log.
 */
export interface GenOp {
  type: 'invoke' | 'sleep' | 'log';
  process: ProcessId;
  time: number;
  f: string;
  value?: unknown;
  key?: string;
}

/** Marker: nothing to emit right now, but not exhausted. */
export const PENDING = Symbol('pending');
/** The type of PENDING. */
export type Pending = typeof PENDING;

/** The answer to `op`: an op (or PENDING) and the generator that follows, or null when exhausted. */
export type GenStep = { op: GenOp | Pending; gen: Generator } | null;

/** Test-wide facts a generator may consult (never mutated). */
export interface GenTest {
  concurrency: number;
  /** Node names, for generators that target nodes. */
  nodes: readonly string[];
  /**
   * The run's seed. Random combinators (mix, stagger, fromArbitrary, …) without an explicit `seed`
   * option seed their RNG from it the first time they are asked for an op (default 0).
   */
  seed?: number;
}

/** A generator: asked for ops with `op`, told about every invoke and completion with `update`. */
export interface Generator {
  op(test: GenTest, ctx: GenContext): GenStep;
  update(test: GenTest, ctx: GenContext, event: Op): Generator;
}

/**
 * How long an interpreter (real or simulated) waits before asking again a generator that answered
 * `pending` while no op was in flight — nothing else could wake it (e.g. a time limit over a generator
 * that is stuck). Nanoseconds.
 */
export const PENDING_POLL_NS = 100_000_000;
