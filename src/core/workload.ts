/**
 * Workloads (Maelstrom style): one file each under workloads/, returning a plain object with the
 * generator of client ops, an optional final phase, the checkers that judge the history and the
 * consistency models it can rule on.
 */
import type { Op } from './op.js';
import type { z } from 'zod';
import type { Checker } from './checker.js';
import type { Generator } from './generator.js';

/** What a workload is built from. */
export interface WorkloadContext<Opts> {
  seed: number;
  concurrency: number;
  nodes: readonly string[];
  /** Seconds of client load before the final phase. */
  timeLimit: number;
  /** Target ops/s over all clients (0: as fast as the clients go). */
  rate: number;
  opts: Opts;
  /**
   * The records of the run so far, for a final phase that reads back what the load phase touched
   * (build it with `deferred`). Given by the runner; absent where there is no run (simulations).
   */
  history?: () => readonly Op[];
}

export interface Workload<Opts = Record<string, unknown>> {
  name: string;
  description: string;
  /** zod schema for `--workload-opt key=value` settings (values arrive as strings; coerce). */
  optionsSchema: z.ZodType<Opts>;
  /** The client ops (`f`s) this workload issues; a target's client must support them all. */
  ops: readonly string[];
  /** Consistency models this workload's checker can rule on. */
  models: readonly string[];
  /** Client ops for the main phase; the runner bounds it by the time limit. */
  generator(ctx: WorkloadContext<Opts>): Generator;
  /** Ops run after faults are healed, e.g. final reads of every key; undefined when the options ask for none. */
  finalGenerator?(ctx: WorkloadContext<Opts>): Generator | undefined;
  /** The checkers that judge the history, by name (e.g. `{linearizable: …}`). */
  checkers(ctx: WorkloadContext<Opts>): Record<string, Checker>;
}
