/**
 * The zod schema of options declared as specs (option-spec.ts), for the code that composes or reads
 * zod schemas: the workloads extend a checker's options with their own, `faultline list` reads
 * choices, ranges, defaults and help off a schema. Each spec becomes the zod field it stands for
 * (a number is `z.coerce.number()`, with `.int()` and its minimum; a comma list is split, then an
 * array of choices of at least one), wrapped in its default or `.optional()`, then `.describe(help)`.
 */
import { z } from 'zod';
import { boolOpt } from './options.js';
import type { EnumListSpec, EnumSpec, OptionSpec, OptionSpecs, OptionValues } from './option-spec.js';

/** The zod field of one spec, untyped. */
function zodField(spec: OptionSpec): z.ZodType {
  let f: z.ZodType;
  switch (spec.kind) {
    case 'enum':
      f = withPresence(z.enum(spec.values as unknown as [string, ...string[]]), spec);
      break;
    case 'number': {
      let n = z.coerce.number();
      if (spec.int) n = n.int();
      n = spec.min === 'positive' ? n.positive() : n.nonnegative();
      f = withPresence(n, spec);
      break;
    }
    case 'bool':
      f = boolOpt(spec.default);
      break;
    case 'enum-list':
      f = enumList(spec);
      break;
    case 'string':
      f = z.string().min(1).optional();
      break;
    case 'string-list':
      f = z.array(z.string()).default([...spec.default]);
      break;
  }
  return spec.help === undefined ? f : f.describe(spec.help);
}

/** A field with its default, or optional. */
function withPresence<T extends z.ZodType>(f: T, spec: { default?: unknown; optional?: true }): z.ZodType {
  if (spec.default !== undefined) return f.default(spec.default as never);
  return spec.optional ? f.optional() : f;
}

/** A comma-separated (or array) list of choices, at least one. */
function enumList(spec: EnumListSpec | EnumSpec): z.ZodType {
  const values = spec.values as unknown as [string, ...string[]];
  const list = z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter((s) => s !== '') : v), z.array(z.enum(values)).min(1));
  return 'default' in spec && Array.isArray(spec.default) ? list.default([...spec.default] as never) : list;
}

/** The zod fields of `specs`, typed by what they produce (an optional spec's key is optional). */
export type ZodOptionShape<S extends OptionSpecs> = {
  [K in keyof S]: S[K] extends { optional: true } ? z.ZodOptional<z.ZodType<NonNullable<OptionValues<S>[K & keyof OptionValues<S>]>, unknown>> : z.ZodType<OptionValues<S>[K & keyof OptionValues<S>], unknown>;
};

/** The zod fields of `specs`, in their order: spread into `z.strictObject()`, or extend a schema with them. */
export function zodOptionShape<S extends OptionSpecs>(specs: S): ZodOptionShape<S> {
  return Object.fromEntries(Object.entries(specs).map(([k, spec]) => [k, zodField(spec)])) as ZodOptionShape<S>;
}

/** The strict object schema of `specs` (unknown keys refused), as the registry's users want it. */
export function zodOptionsSchema<S extends OptionSpecs>(specs: S): z.ZodObject<ZodOptionShape<S>, z.core.$strict> {
  return z.strictObject(zodOptionShape(specs));
}
