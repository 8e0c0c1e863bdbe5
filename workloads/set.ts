/**
 * Workload `set` (Jepsen's set, judged by set-full): every client thread adds unique elements to a few
 * sets (keys) and reads them whole, through whichever node it is bound to; after the heal and a
 * quiescence wait, every thread reads every set in rounds until all reads agree (or the rounds run
 * out). Ops: `{f: 'add', key, value: element}` (elements unique per key) → ok / fail / info;
 * `{f: 'read', key, value: null}` → ok with the elements as a list.
 * Checkers from the registry (`checkers` option): set-full (lost, stale, … elements; eventual, and
 * linearizable ruled out by stale reads) and convergence (the nodes' final reads agree).
 */
import { z } from 'zod';
import { buildCheckers, checkerListOption, modelsOf } from '../src/checkers/select.js';
import { setFullOptionsSchema } from '../src/checkers/option-schemas.js';
import type { Workload } from '../src/core/workload.js';
import { eventualWorkloadFields, finalReadsOf, mixOf } from './eventual-options.js';
import { eventualOps } from './eventual-ops.js';
import { finalReads } from './final-reads.js';

const OPS = ['add', 'read'] as const;
const CHECKERS = ['set-full', 'convergence'];

export const setOptionsSchema = setFullOptionsSchema.extend({
  checkers: checkerListOption(CHECKERS, OPS),
  ...eventualWorkloadFields('adds-per-key', 2000),
});
export type SetOptions = z.infer<typeof setOptionsSchema>;

export const setWorkload: Workload<SetOptions> = {
  name: 'set',
  description: 'adds of unique elements to a few sets and reads of whole sets from every node, final reads after the heal; lost, stale and unexpected elements, convergence',
  optionsSchema: setOptionsSchema,
  ops: OPS,
  models: modelsOf(CHECKERS),
  generator: (ctx) => eventualOps(mixOf('add', 'adds-per-key', ctx.opts), 'set'),
  finalGenerator: (ctx) => finalReads(finalReadsOf(ctx.opts)),
  checkers: (ctx) => buildCheckers(ctx.opts.checkers, ctx.opts),
};
