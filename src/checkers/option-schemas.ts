/**
 * The checkers' options as zod schemas, built from the registry's option specs (each entry's
 * `options`), for the code that wants zod: the workloads extend a checker's schema with their own
 * options, `faultline list` reads help off it, `buildCheckers` fills a workload's checkers' defaults.
 * The registry itself holds no zod, so `faultline check` starts without loading it.
 */
import type { z } from 'zod';
import { zodOptionsSchema } from '../core/option-spec-zod.js';
import { counterOptions } from './counter-entry.js';
import type { CheckerEntry } from './entry.js';
import { linearizableOptions } from './linearizable-entry.js';
import { listAppendOptions } from './list-append-entry.js';
import { rwRegisterOptions } from './rw-register-entry.js';
import { setFullOptions } from './set-full-entry.js';

/** The linearizability checker's options (the register workload extends it). */
export const linearizableOptionsSchema = zodOptionsSchema(linearizableOptions);
/** The list-append checker's options (the list-append workload extends it). */
export const listAppendOptionsSchema = zodOptionsSchema(listAppendOptions);
/** The rw-register checker's options (the rw-register workload extends it). */
export const rwRegisterOptionsSchema = zodOptionsSchema(rwRegisterOptions);
/** The counter checker's options (the counter workload extends it). */
export const counterOptionsSchema = zodOptionsSchema(counterOptions);
/** The set-full checker's options (the set workload extends it). */
export const setFullOptionsSchema = zodOptionsSchema(setFullOptions);

const built = new WeakMap<CheckerEntry<any>, z.ZodType>();

/** The zod schema of `entry`'s options (strict: unknown keys refused), built once. */
export function checkerOptionsSchema<Opts>(entry: CheckerEntry<Opts>): z.ZodType<Opts> {
  let schema = built.get(entry);
  if (!schema) built.set(entry, (schema = zodOptionsSchema(entry.options)));
  return schema as z.ZodType<Opts>;
}
