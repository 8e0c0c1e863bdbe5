/**
 * `key=value` option parsing shared by `--target-opt` and `--workload-opt`, validated with the
 * owner's zod schema. Errors name the option and what was expected, in one line.
 */
import { z } from 'zod';
import { UserError } from './errors.js';

/** A boolean option given as a string: true/false/yes/no/1/0/on/off. */
export function boolOpt(def: boolean) {
  return z
    .union([z.boolean(), z.enum(['true', 'false', 'yes', 'no', '1', '0', 'on', 'off'])])
    .default(def)
    .transform((v) => (typeof v === 'boolean' ? v : ['true', 'yes', '1', 'on'].includes(v)));
}

/** Splits `key=value` strings into an object; a repeated key keeps its last value. */
export function parseKeyValues(flag: string, items: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UserError(`${flag} ${JSON.stringify(item)}: expected key=value`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

/** Validates `raw` against `schema`; on failure, a one-line UserError naming `flag` and the key. */
export function validateOptions<T>(flag: string, owner: string, schema: z.ZodType<T>, raw: Record<string, unknown>): T {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const known = schemaKeys(schema);
    const hint = known.length ? ` (known: ${known.join(', ')})` : '';
    throw new UserError(`${flag} ${issue.keys.join(', ')}: not an option of ${owner}${hint}`);
  }
  const key = issue.path.join('.');
  const given = raw[key] === undefined ? `${key} (not given, so its default)` : `${key}=${String(raw[key])}`;
  throw new UserError(`${flag} ${given}: ${issue.message} (for ${owner})`);
}

/** The keys of an object schema, for help text and error hints. */
export function schemaKeys(schema: z.ZodType<unknown>): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}
