/**
 * A checker as the registry lists it: its name, the consistency models it can rule on, the client ops
 * (`f`s) of the histories it reads, its options as specs (src/core/option-spec.ts: plain data, validated
 * without zod; `option-schemas.ts` builds the zod schema of each), and a factory. `faultline check
 * --checker NAME`, `faultline list` and the workloads all take checkers from this one list
 * (`src/checkers/index.ts`), so a checker's name, options and defaults are written once.
 */
import type { Checker } from '../core/checker.js';
import type { OptionSpecs } from '../core/option-spec.js';

/** One registered checker. */
export interface CheckerEntry<Opts = Record<string, unknown>> {
  /** Registry name, e.g. `linearizable`, `list-append`. */
  name: string;
  /** One line for `faultline list`. */
  description: string;
  /** The models this checker rules on directly (see `src/core/models.ts`). */
  models: readonly string[];
  /** Client ops (`f`) of the histories it reads, e.g. `['read', 'write', 'cas']` or `['txn']`. */
  reads: readonly string[];
  /**
   * Options, validated from `key=value` strings (`--checker-opt`) or from a workload. Every option has
   * its default here and only here.
   */
  options: OptionSpecs;
  /** Builds the checker for validated options. */
  create(opts: Opts): Checker;
}
