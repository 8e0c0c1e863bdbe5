/**
 * The registry entry of the causal consistency checker: CC, CCv and CM of register/kv histories with
 * unique written values, through the bad patterns of Bouajjani et al. (POPL 2017).
 */
import type { OptionSpecs, OptionValues } from '../core/option-spec.js';
import type { CheckerEntry } from './entry.js';
import { lazyChecker } from './lazy-checker.js';

/** Options of the causal checker, with their defaults. */
export const causalOptions = {
  /** Violations reported per bad pattern; all of them are counted in the stats. */
  'max-anomalies': { kind: 'number', min: 'positive', int: true, default: 10 },
} as const satisfies OptionSpecs;
/** Validated options of the causal checker. */
export type CausalEntryOptions = OptionValues<typeof causalOptions>;

export const causalEntry: CheckerEntry<CausalEntryOptions> = {
  name: 'causal',
  description: 'causal consistency CC, causal convergence CCv and causal memory CM through their bad patterns (unique writes)',
  models: ['causal', 'causal-convergence', 'causal-memory'],
  reads: ['read', 'write', 'cas'],
  options: causalOptions,
  create: (o) => lazyChecker(async () => (await import('./causal.js')).causalChecker({ maxAnomalies: o['max-anomalies'] })),
};
