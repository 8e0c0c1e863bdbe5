/**
 * The registry entry of the convergence checker: the replicas' final reads agree after the heal.
 */
import type { OptionSpecs, OptionValues } from '../core/option-spec.js';
import type { CheckerEntry } from './entry.js';
import { lazyChecker } from './lazy-checker.js';

/** Options of the convergence checker, with their defaults. */
export const convergenceOptions = {
  /** Divergent keys reported; all are counted. */
  'max-anomalies': { kind: 'number', min: 'positive', int: true, default: 20, help: 'divergent keys reported (all are counted)' },
} as const satisfies OptionSpecs;
/** Validated options of the convergence checker. */
export type ConvergenceEntryOptions = OptionValues<typeof convergenceOptions>;

/** The registry entry `convergence`. */
export const convergenceEntry: CheckerEntry<ConvergenceEntryOptions> = {
  name: 'convergence',
  description: 'after heal and quiescence, the final reads of every node agree (sets, counters, registers), with bounds on when they agreed (agreed by: an upper bound that includes the settle wait)',
  models: ['eventual'],
  reads: ['read', 'add', 'incr', 'write', 'cas'],
  options: convergenceOptions,
  create: (o) => lazyChecker(async () => (await import('./convergence.js')).convergenceChecker({ maxAnomalies: o['max-anomalies'] })),
};
