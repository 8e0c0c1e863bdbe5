/**
 * Workload `register` (Jepsen's linearizable register): reads, writes and compare-and-sets over many
 * independent keys. Groups of client threads work on one key at a time (`threads-per-key`), each key
 * for `ops-per-key` ops, then move to the next key; every op carries its `key`, so each key is its own
 * sub-history and is checked for linearizability on its own. Written values are unique within a key.
 */
import { z } from 'zod';
import { DEFAULT_EXPLAIN_TIMEOUT_S, linearizableChecker } from '../src/checkers/linearizable.js';
import { independentKeys } from '../src/core/generators/index.js';
import type { Workload } from '../src/core/workload.js';
import { registerOps } from './register-ops.js';

export const registerOptionsSchema = z.strictObject({
  /** Ops on one key before its group of threads moves to the next key. */
  'ops-per-key': z.coerce.number().int().positive().default(200),
  /** Client threads per key; must divide --concurrency (default: the largest divisor from 2 to 5). */
  'threads-per-key': z.coerce.number().int().positive().optional(),
  /** Relative weights of the three ops. */
  'read-weight': z.coerce.number().int().nonnegative().default(2),
  'write-weight': z.coerce.number().int().nonnegative().default(1),
  'cas-weight': z.coerce.number().int().nonnegative().default(1),
  /** `cas-register` counts a cas whose compare failed as an observation; `register` ignores it. */
  model: z.enum(['cas-register', 'register']).default('cas-register'),
  /** Give up checking (verdict unknown) after this many seconds. */
  'check-timeout': z.coerce.number().positive().default(120),
  /** Once not linearizable, seconds spent finding and explaining the bad keys. */
  'explain-timeout': z.coerce.number().nonnegative().default(DEFAULT_EXPLAIN_TIMEOUT_S),
});
export type RegisterOptions = z.infer<typeof registerOptionsSchema>;

/** Client threads per key: the option, or the largest divisor of `concurrency` from 2 to 5, else all of them. */
export function threadsPerKey(concurrency: number, requested?: number): number {
  if (requested !== undefined) return requested;
  for (let d = 5; d >= 2; d--) if (concurrency % d === 0) return d;
  return concurrency;
}

export const registerWorkload: Workload<RegisterOptions> = {
  name: 'register',
  description: 'read / write / compare-and-set on independent keys, checked for linearizability per key',
  optionsSchema: registerOptionsSchema,
  ops: ['read', 'write', 'cas'],
  models: ['linearizable'],
  generator(ctx) {
    const mix = { read: ctx.opts['read-weight'], write: ctx.opts['write-weight'], cas: ctx.opts['cas-weight'] };
    return independentKeys({
      threadsPerKey: threadsPerKey(ctx.concurrency, ctx.opts['threads-per-key']),
      keys: (i) => `k${i}`,
      perKey: () => registerOps(mix, 'register'),
      opsPerKey: ctx.opts['ops-per-key'],
    });
  },
  checkers(ctx) {
    const { model } = ctx.opts;
    return {
      linearizable: linearizableChecker({ model, timeoutMs: ctx.opts['check-timeout'] * 1000, explainTimeoutMs: ctx.opts['explain-timeout'] * 1000 }),
    };
  },
};
