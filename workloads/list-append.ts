/**
 * Workload `list-append` (Elle's): transactions of 1–N micro-ops that append unique values to lists
 * or read whole lists, over a small rotating pool of keys. Because every read returns a whole list,
 * each key's version order is visible, and the list-append checker infers write-write, write-read
 * and read-write dependencies between transactions and looks for the cycles that each isolation
 * level forbids.
 */
import { listAppendOptionsSchema } from '../src/checkers/option-schemas.js';
import { buildCheckers, modelsOf } from '../src/checkers/select.js';
import type { Workload } from '../src/core/workload.js';
import { txnOps } from './txn-ops.js';
import { LENGTHS_MESSAGE, lengthsInOrder, txnShape, txnShapeFields } from './txn-options.js';

export const listAppendOptionsSchemaW = listAppendOptionsSchema.extend(txnShapeFields('list-append')).refine(lengthsInOrder, LENGTHS_MESSAGE);

export const listAppendWorkload: Workload<Record<string, any>> = {
  name: 'list-append',
  description: 'transactions appending to and reading lists over a rotating pool of keys, checked for transactional isolation (Elle’s list-append)',
  optionsSchema: listAppendOptionsSchemaW,
  ops: ['txn'],
  models: modelsOf(['list-append']),
  generator: (ctx) => txnOps(txnShape('append', ctx.opts), 'list-append'),
  checkers: (ctx) => buildCheckers(ctx.opts.checkers, ctx.opts),
};
