/**
 * The registry entry of the linearizability checker: per-key linearizability of register, cas-register
 * and kv histories through the porcupine engine.
 */
import type { OptionSpecs, OptionValues } from '../core/option-spec.js';
import type { CheckerEntry } from './entry.js';
import { lazyChecker } from './lazy-checker.js';
import { DEFAULT_EXPLAIN_TIMEOUT_S, LINEARIZABLE_MODELS } from './linearizable-ops.js';

/** Options of the linearizability checker, with their defaults. */
export const linearizableOptions = {
  model: { kind: 'enum', values: LINEARIZABLE_MODELS, default: 'cas-register', help: 'the sequential specification: cas-register counts a failed compare as an observation, register ignores it' },
  'check-timeout': { kind: 'number', min: 'positive', default: 120, help: 'give up checking (verdict unknown) after this many seconds' },
  'explain-timeout': {
    kind: 'number',
    min: 'nonnegative',
    optional: true,
    help: `once not linearizable, seconds spent deciding the other keys to find more bad ones, each explained (not set: up to ${DEFAULT_EXPLAIN_TIMEOUT_S}, stopping early once nothing more is decided)`,
  },
} as const satisfies OptionSpecs;
/** Validated options of the linearizability checker. */
export type LinearizableEntryOptions = OptionValues<typeof linearizableOptions>;

export const linearizableEntry: CheckerEntry<LinearizableEntryOptions> = {
  name: 'linearizable',
  description: 'per-key linearizability of register, cas-register and kv histories (Porcupine’s algorithm)',
  models: ['linearizable'],
  reads: ['read', 'write', 'cas', 'get', 'put', 'append'],
  options: linearizableOptions,
  create: (o) => {
    const options = { model: o.model, timeoutMs: o['check-timeout'] * 1000, ...(o['explain-timeout'] === undefined ? {} : { explainTimeoutMs: o['explain-timeout'] * 1000 }) };
    return lazyChecker(async () => (await import('./linearizable.js')).linearizableChecker(options));
  },
};
