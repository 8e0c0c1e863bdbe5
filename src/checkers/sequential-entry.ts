/**
 * The registry entry of the sequential consistency checker: per-key search for an order respecting
 * each process's order, ruling on `sequential` for the whole history where that is sound.
 */
import type { OptionSpecs, OptionValues } from '../core/option-spec.js';
import type { CheckerEntry } from './entry.js';
import { LINEARIZABLE_MODELS } from './linearizable-ops.js';
import { lazyChecker } from './lazy-checker.js';

/** Options of the sequential consistency checker, with their defaults. */
export const sequentialOptions = {
  /** The sequential specification: `cas-register` counts a failed compare as an observation, `register` ignores it. */
  model: { kind: 'enum', values: LINEARIZABLE_MODELS, default: 'cas-register' },
  /** Give up checking (verdict unknown) after this many seconds. */
  'check-timeout': { kind: 'number', min: 'positive', default: 120 },
} as const satisfies OptionSpecs;
/** Validated options of the sequential consistency checker. */
export type SequentialEntryOptions = OptionValues<typeof sequentialOptions>;

export const sequentialEntry: CheckerEntry<SequentialEntryOptions> = {
  name: 'sequential',
  description: 'sequential consistency per key (Porcupine’s search with process order instead of real time); whole history when keys are visited in one order',
  models: ['sequential'],
  reads: ['read', 'write', 'cas', 'get', 'put', 'append'],
  options: sequentialOptions,
  create: (o) => lazyChecker(async () => (await import('./sequential.js')).sequentialChecker({ model: o.model, timeoutMs: o['check-timeout'] * 1000 })),
};
