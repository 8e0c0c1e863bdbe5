/**
 * Workload `register` (Jepsen's linearizable register): reads, writes and compare-and-sets over many
 * independent keys. Groups of client threads work on one key at a time (`threads-per-key`), each key
 * for `ops-per-key` ops (shared evenly among the group's threads, each drawing its own stream), then
 * move to their next key; every op carries its `key`, so each key is its own sub-history and is
 * checked for linearizability on its own. Written values are unique within a key. A thread's ops are
 * fixed by the seed whatever the timing (register-ops.ts). With `read-back` (the default), every key
 * written is read once more after the heal (read-back.ts), so a write a fault lost on a key the load
 * had left is seen. Those reads visit the keys in an order of their own; the sequential checker takes
 * them as final reads (src/checkers/sequential-final.ts), which keeps the whole history decidable.
 * The checkers come from the registry (`checkers` option): linearizability, and by default the weaker
 * models too — sequential consistency, the session guarantees and causal consistency — so a history
 * that is not linearizable still says which weaker model it keeps. Checker options (model,
 * check-timeout, explain-timeout) are the linearizability checker's, passed to each that knows them.
 */
import { z } from 'zod';
import { linearizableOptionsSchema } from '../src/checkers/option-schemas.js';
import { buildCheckers, checkerListOption, modelsOf } from '../src/checkers/select.js';
import { independentKeys } from '../src/core/generators/index.js';
import { boolOpt } from '../src/core/options.js';
import type { Workload } from '../src/core/workload.js';
import { readBack } from './read-back.js';
import { registerOps } from './register-ops.js';

const OPS = ['read', 'write', 'cas'] as const;
const CHECKERS = ['linearizable', 'sequential', 'session', 'causal'];

export const registerOptionsSchema = linearizableOptionsSchema.extend({
  checkers: checkerListOption(CHECKERS, OPS),
  'ops-per-key': z.coerce.number().int().positive().default(200).describe('ops on one key (shared evenly among its group of threads) before the group moves to its next key'),
  'threads-per-key': z.coerce.number().int().positive().optional().describe('client threads per key; must divide --concurrency (not set: its largest divisor from 2 to 5)'),
  'read-weight': z.coerce.number().int().nonnegative().default(2).describe('relative weight of reads'),
  'write-weight': z.coerce.number().int().nonnegative().default(1).describe('relative weight of writes'),
  'cas-weight': z.coerce.number().int().nonnegative().default(1).describe('relative weight of compare-and-sets'),
  'read-back': boolOpt(true).describe('after the heal, read every key the run wrote once more, so writes a fault lost on keys the load had left are seen'),
  model: z.enum(['cas-register', 'register']).default('cas-register').describe('cas-register counts a cas whose compare failed as an observation; register ignores it'),
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
  description: 'read / write / compare-and-set on independent keys, checked for linearizability per key and for the weaker models',
  optionsSchema: registerOptionsSchema,
  ops: OPS,
  models: modelsOf(CHECKERS),
  generator(ctx) {
    const mix = { read: ctx.opts['read-weight'], write: ctx.opts['write-weight'], cas: ctx.opts['cas-weight'] };
    const n = threadsPerKey(ctx.concurrency, ctx.opts['threads-per-key']);
    const opsPerThread = Math.ceil(ctx.opts['ops-per-key'] / n);
    return independentKeys({
      threadsPerKey: n,
      keys: (i) => `k${i}`,
      perKey: () => registerOps(mix, { threadsPerKey: n, opsPerThread, seedName: 'register' }),
    });
  },
  finalGenerator(ctx) {
    return ctx.opts['read-back'] ? readBack(ctx.history) : undefined;
  },
  checkers(ctx) {
    return buildCheckers(ctx.opts.checkers, ctx.opts);
  },
};
