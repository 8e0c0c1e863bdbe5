/**
 * Workload `counter` (Jepsen's counter): every client thread increments a few counters (keys) by
 * small amounts and reads them, through whichever node it is bound to; after the heal and a
 * quiescence wait, every thread reads every counter in rounds until all reads agree (or the rounds run
 * out). Ops: `{f: 'incr', key, value: amount}` (1 to `max-increment`) → ok / fail / info;
 * `{f: 'read', key, value: null}` → ok with the count.
 * Checkers from the registry (`checkers` option): counter (each read within the bounds the
 * increments around it allow; final reads exact) and convergence (the nodes' final reads agree).
 */
import { z } from 'zod';
import { counterOptionsSchema } from '../src/checkers/option-schemas.js';
import { buildCheckers, checkerListOption, modelsOf } from '../src/checkers/select.js';
import type { Workload } from '../src/core/workload.js';
import { eventualWorkloadFields, finalReadsOf, mixOf } from './eventual-options.js';
import { eventualOps } from './eventual-ops.js';
import { finalReads } from './final-reads.js';

const OPS = ['incr', 'read'] as const;
const CHECKERS = ['counter', 'convergence'];

export const counterWorkloadOptionsSchema = counterOptionsSchema.extend({
  checkers: checkerListOption(CHECKERS, OPS),
  ...eventualWorkloadFields('incrs-per-key', 2000),
  'max-increment': z.coerce.number().int().positive().default(5).describe('increments are drawn from 1 to this'),
});
export type CounterWorkloadOptions = z.infer<typeof counterWorkloadOptionsSchema>;

export const counterWorkload: Workload<CounterWorkloadOptions> = {
  name: 'counter',
  description: 'increments of a few counters and reads from every node, final reads after the heal; reads within bounds, exact final counts, convergence',
  optionsSchema: counterWorkloadOptionsSchema,
  ops: OPS,
  models: modelsOf(CHECKERS),
  generator: (ctx) => eventualOps(mixOf('incr', 'incrs-per-key', ctx.opts, ctx.opts['max-increment']), 'counter'),
  finalGenerator: (ctx) => finalReads(finalReadsOf(ctx.opts)),
  checkers: (ctx) => buildCheckers(ctx.opts.checkers, ctx.opts),
};
