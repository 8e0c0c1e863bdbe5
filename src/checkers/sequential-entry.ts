/**
 * The registry entry of the sequential consistency checker: per-key search for an order respecting
 * each process's order, ruling on `sequential` for the whole history where that is sound.
 */
import { z } from 'zod';
import type { CheckerEntry } from './entry.js';
import { LINEARIZABLE_MODELS } from './linearizable-ops.js';
import { lazyChecker } from './lazy-checker.js';

/** Options of the sequential consistency checker, with their defaults. */
export const sequentialOptionsSchema = z.strictObject({
  /** The sequential specification: `cas-register` counts a failed compare as an observation, `register` ignores it. */
  model: z.enum(LINEARIZABLE_MODELS).default('cas-register'),
  /** Give up checking (verdict unknown) after this many seconds. */
  'check-timeout': z.coerce.number().positive().default(120),
});
/** Validated options of the sequential consistency checker. */
export type SequentialEntryOptions = z.infer<typeof sequentialOptionsSchema>;

export const sequentialEntry: CheckerEntry<SequentialEntryOptions> = {
  name: 'sequential',
  description: 'sequential consistency per key (Porcupine’s search with process order instead of real time); whole history when keys are visited in one order',
  models: ['sequential'],
  reads: ['read', 'write', 'cas', 'get', 'put', 'append'],
  optionsSchema: sequentialOptionsSchema,
  create: (o) => lazyChecker(async () => (await import('./sequential.js')).sequentialChecker({ model: o.model, timeoutMs: o['check-timeout'] * 1000 })),
};
