/**
 * The registry entry of the convergence checker: the replicas' final reads agree after the heal.
 */
import { z } from 'zod';
import type { CheckerEntry } from './entry.js';
import { lazyChecker } from './lazy-checker.js';

/** Options of the convergence checker, with their defaults. */
export const convergenceOptionsSchema = z.strictObject({
  /** Divergent keys reported; all are counted. */
  'max-anomalies': z.coerce.number().int().positive().default(20).describe('divergent keys reported (all are counted)'),
});
/** Validated options of the convergence checker. */
export type ConvergenceEntryOptions = z.infer<typeof convergenceOptionsSchema>;

/** The registry entry `convergence`. */
export const convergenceEntry: CheckerEntry<ConvergenceEntryOptions> = {
  name: 'convergence',
  description: 'after heal and quiescence, the final reads of every node agree (sets, counters, registers), with bounds on when they agreed (agreed by: an upper bound that includes the settle wait)',
  models: ['eventual'],
  reads: ['read', 'add', 'incr', 'write', 'cas'],
  optionsSchema: convergenceOptionsSchema,
  create: (o) => lazyChecker(async () => (await import('./convergence.js')).convergenceChecker({ maxAnomalies: o['max-anomalies'] })),
};
