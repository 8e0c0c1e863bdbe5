/**
 * Workload `rw-register` (Elle's): transactions of 1–N micro-ops that write unique values to
 * registers or read them, over a small rotating pool of keys. A read shows only the latest value, so
 * version orders come from what reads observe plus process and real-time order; the rw-register
 * checker says which of its inferences each anomaly relies on.
 */
import { rwRegisterOptionsSchema } from '../src/checkers/option-schemas.js';
import { buildCheckers, modelsOf } from '../src/checkers/select.js';
import type { Workload } from '../src/core/workload.js';
import { txnOps } from './txn-ops.js';
import { boolOpt } from '../src/core/options.js';
import { LENGTHS_MESSAGE, lengthsInOrder, txnShape, txnShapeFields } from './txn-options.js';

export const rwRegisterOptionsSchemaW = rwRegisterOptionsSchema
  .extend({
    ...txnShapeFields('rw-register'),
    'read-before-write': boolOpt(true).describe('read a key in the transaction before writing it, so each version’s predecessor is seen and the checker can show a model to hold (false: blind writes, which leave concurrent versions unordered: the verdict is then at best unknown)'),
  })
  .refine(lengthsInOrder, LENGTHS_MESSAGE);

export const rwRegisterWorkload: Workload<Record<string, any>> = {
  name: 'rw-register',
  description: 'transactions reading and writing registers over a rotating pool of keys, checked for transactional isolation (Elle’s rw-register)',
  optionsSchema: rwRegisterOptionsSchemaW,
  ops: ['txn'],
  models: modelsOf(['rw-register']),
  generator: (ctx) => txnOps(txnShape('w', ctx.opts), 'rw-register'),
  checkers: (ctx) => buildCheckers(ctx.opts.checkers, ctx.opts),
};
