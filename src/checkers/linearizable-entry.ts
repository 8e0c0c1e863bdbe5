/**
 * The registry entry of the linearizability checker: per-key linearizability of register, cas-register
 * and kv histories through the porcupine engine.
 */
import { z } from 'zod';
import type { CheckerEntry } from './entry.js';
import { lazyChecker } from './lazy-checker.js';
import { DEFAULT_EXPLAIN_TIMEOUT_S, LINEARIZABLE_MODELS } from './linearizable-ops.js';

/** Options of the linearizability checker, with their defaults. */
export const linearizableOptionsSchema = z.strictObject({
  model: z.enum(LINEARIZABLE_MODELS).default('cas-register').describe('the sequential specification: cas-register counts a failed compare as an observation, register ignores it'),
  'check-timeout': z.coerce.number().positive().default(120).describe('give up checking (verdict unknown) after this many seconds'),
  'explain-timeout': z.coerce
    .number()
    .nonnegative()
    .optional()
    .describe(`once not linearizable, seconds spent finding and explaining the bad keys (not set: up to ${DEFAULT_EXPLAIN_TIMEOUT_S}, stopping early once nothing more is found)`),
});
/** Validated options of the linearizability checker. */
export type LinearizableEntryOptions = z.infer<typeof linearizableOptionsSchema>;

export const linearizableEntry: CheckerEntry<LinearizableEntryOptions> = {
  name: 'linearizable',
  description: 'per-key linearizability of register, cas-register and kv histories (Porcupine’s algorithm)',
  models: ['linearizable'],
  reads: ['read', 'write', 'cas', 'get', 'put', 'append'],
  optionsSchema: linearizableOptionsSchema,
  create: (o) => {
    const options = { model: o.model, timeoutMs: o['check-timeout'] * 1000, ...(o['explain-timeout'] === undefined ? {} : { explainTimeoutMs: o['explain-timeout'] * 1000 }) };
    return lazyChecker(async () => (await import('./linearizable.js')).linearizableChecker(options));
  },
};
