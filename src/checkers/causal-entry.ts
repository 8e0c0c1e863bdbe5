/**
 * The registry entry of the causal consistency checker: CC, CCv and CM of register/kv histories with
 * unique written values, through the bad patterns of Bouajjani et al. (POPL 2017).
 */
import { z } from 'zod';
import type { CheckerEntry } from './entry.js';
import { lazyChecker } from './lazy-checker.js';

/** Options of the causal checker, with their defaults. */
export const causalOptionsSchema = z.strictObject({
  /** Violations reported per bad pattern; all of them are counted in the stats. */
  'max-anomalies': z.coerce.number().int().positive().default(10),
});
/** Validated options of the causal checker. */
export type CausalEntryOptions = z.infer<typeof causalOptionsSchema>;

export const causalEntry: CheckerEntry<CausalEntryOptions> = {
  name: 'causal',
  description: 'causal consistency CC, causal convergence CCv and causal memory CM through their bad patterns (unique writes)',
  models: ['causal', 'causal-convergence', 'causal-memory'],
  reads: ['read', 'write', 'cas'],
  optionsSchema: causalOptionsSchema,
  create: (o) => lazyChecker(async () => (await import('./causal.js')).causalChecker({ maxAnomalies: o['max-anomalies'] })),
};
