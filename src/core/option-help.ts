/**
 * Help for `key=value` options, read off their zod object schema — the same schema that validates
 * them — so `faultline list` can never drift from what is accepted: for each key the values it takes
 * (choices, number ranges, comma-separated lists, booleans), its default, and its description
 * (`.describe()`).
 *
 * It walks zod 4's schema definitions (`_zod.def`): wrappers (default, optional, pipe into a
 * transform) are looked through; a pipe from a comma-split string into an array shows as a list of
 * its elements.
 */
import type { z } from 'zod';

/** What one option accepts. */
export interface OptionHelp {
  key: string;
  /** The values it takes, in words: `read-index | follower | …`, `whole number from 10 to 60000`. */
  values: string;
  /** Its default as typed on the command line, or `not set`. */
  default: string;
  description?: string;
}

interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  out?: Schema;
  element?: Schema;
  options?: Schema[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  defaultValue?: unknown;
  checks?: { _zod: { def: { check: string; value?: number; inclusive?: boolean; minimum?: number; format?: string } } }[];
}
type Schema = { _zod: { def: Def }; description?: string };

function numberWords(def: Def): string {
  let int = false;
  let min: { value: number; inclusive: boolean } | undefined;
  let max: { value: number; inclusive: boolean } | undefined;
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'number_format' && d.format?.includes('int')) int = true;
    if (d.check === 'greater_than') min = { value: d.value!, inclusive: d.inclusive === true };
    if (d.check === 'less_than') max = { value: d.value!, inclusive: d.inclusive === true };
  }
  const noun = int ? 'whole number' : 'number';
  if (min?.inclusive && max?.inclusive) return `${noun} from ${min.value} to ${max.value}`;
  const bounds = [min && `${min.inclusive ? '≥' : '>'} ${min.value}`, max && `${max.inclusive ? '≤' : '<'} ${max.value}`];
  return [noun, bounds.filter(Boolean).join(', ')].filter(Boolean).join(' ');
}

/** The values a schema accepts, in words. */
function valuesOf(s: Schema): string {
  const def = s._zod.def;
  switch (def.type) {
    case 'default':
    case 'optional':
    case 'nullable':
      return valuesOf(def.innerType!);
    case 'pipe':
      // Into a transform: what is typed is the input. Into an array: a comma-separated list of it.
      if (def.out!._zod.def.type === 'transform') return valuesOf(def.in!);
      if (def.out!._zod.def.type === 'array') return `comma-separated list of ${valuesOf(def.out!._zod.def.element!)}`;
      return valuesOf(def.out!);
    case 'enum':
      return Object.values(def.entries!).join(' | ');
    case 'literal':
      return def.values!.map(String).join(' | ');
    case 'union': {
      const opts = def.options!;
      // boolOpt: a boolean, or a word for one.
      if (opts.some((o) => o._zod.def.type === 'boolean')) return 'true | false';
      return opts.map(valuesOf).join(' or ');
    }
    case 'boolean':
      return 'true | false';
    case 'number':
      return numberWords(def);
    case 'string':
      return 'text';
    default:
      return def.type;
  }
}

/** The default of a schema as typed on the command line, or undefined when it has none. */
function defaultOf(s: Schema): unknown {
  const def = s._zod.def;
  if (def.type === 'default') return def.defaultValue;
  if (def.type === 'pipe') return defaultOf(def.in!);
  if (def.type === 'optional' || def.type === 'nullable') return defaultOf(def.innerType!);
  return undefined;
}

/** The first description on the way in through the wrappers. */
function descriptionOf(s: Schema): string | undefined {
  if (s.description) return s.description;
  const def = s._zod.def;
  const inner = def.innerType ?? def.in;
  return inner ? descriptionOf(inner) : undefined;
}

/** Help for every key of an object schema, in its order (empty for a schema that is not an object). */
export function describeOptions(schema: z.ZodType<unknown>): OptionHelp[] {
  const shape = (schema as unknown as { shape?: Record<string, Schema> }).shape;
  if (!shape) return [];
  return Object.entries(shape).map(([key, s]) => {
    const d = defaultOf(s);
    const description = descriptionOf(s);
    return { key, values: valuesOf(s), default: d === undefined ? 'not set' : String(d), ...(description ? { description } : {}) };
  });
}
