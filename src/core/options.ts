/**
 * `key=value` option parsing shared by `--target-opt` and `--workload-opt`, validated with the
 * owner's zod schema. Errors name the option and what was expected, in one line.
 */
import { z } from 'zod';
import { optionIssueError } from './option-spec.js';

export { parseKeyValues } from './key-values.js';

/** A boolean option given as a string: true/false/yes/no/1/0/on/off. */
export function boolOpt(def: boolean) {
  return z
    .union([z.boolean(), z.enum(['true', 'false', 'yes', 'no', '1', '0', 'on', 'off'])])
    .default(def)
    .transform((v) => (typeof v === 'boolean' ? v : ['true', 'yes', '1', 'on'].includes(v)));
}

/** Validates `raw` against `schema`; on failure, a one-line UserError naming `flag` and the key. */
export function validateOptions<T>(flag: string, owner: string, schema: z.ZodType<T>, raw: Record<string, unknown>): T {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const known = schemaKeys(schema);
  if (issue.code === 'unrecognized_keys') throw optionIssueError(flag, owner, { unknownKeys: issue.keys }, raw, known);
  throw optionIssueError(flag, owner, { path: issue.path as (string | number)[], message: issue.message }, raw, known);
}

/** The keys of an object schema, for help text and error hints. */
export function schemaKeys(schema: z.ZodType<unknown>): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}
