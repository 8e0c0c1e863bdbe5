/**
 * Options declared as plain data, validated without zod. A checker's options (and `check`'s own) are
 * a record of specs — a choice, a number, a boolean, a comma list of choices, a string, a list of
 * strings — each with its default and help. `faultline check` validates them here, so it starts
 * without loading zod (about half of its start-up time); the workloads, `faultline list` and the
 * registry's users that want a zod schema build it from the same specs (option-spec-zod.ts), so the
 * defaults are written once. The checks, their order and their messages are zod's for the schema
 * that file builds (the first problem is reported, in the specs' order; unknown keys after that), and
 * a test holds the two to agreeing on the same inputs.
 */
import { UserError } from './errors.js';

/** One of fixed strings. */
export interface EnumSpec<V extends string = string> {
  kind: 'enum';
  values: readonly [V, ...V[]];
  default?: V;
  optional?: true;
  help?: string;
}

/** A number (strings are read with `Number()`), above 0 (`positive`) or at least 0, maybe whole. */
export interface NumberSpec {
  kind: 'number';
  min: 'positive' | 'nonnegative';
  int?: true;
  default?: number;
  optional?: true;
  help?: string;
}

/** A boolean, or one of true/false/yes/no/1/0/on/off. */
export interface BoolSpec {
  kind: 'bool';
  default: boolean;
  help?: string;
}

/** A list of fixed strings, given as an array or comma-separated; at least one. */
export interface EnumListSpec<V extends string = string> {
  kind: 'enum-list';
  values: readonly [V, ...V[]];
  default: readonly V[];
  help?: string;
}

/** A non-empty string; not set by default. */
export interface StringSpec {
  kind: 'string';
  optional: true;
  help?: string;
}

/** An array of strings. */
export interface StringListSpec {
  kind: 'string-list';
  default: readonly string[];
  help?: string;
}

/** Any option spec. */
export type OptionSpec = EnumSpec<any> | NumberSpec | BoolSpec | EnumListSpec<any> | StringSpec | StringListSpec;
/** Options by key. */
export type OptionSpecs = Record<string, OptionSpec>;

type ValueOf<S> =
  S extends EnumSpec<infer V> ? V
  : S extends NumberSpec ? number
  : S extends BoolSpec ? boolean
  : S extends EnumListSpec<infer V> ? V[]
  : S extends StringSpec ? string
  : S extends StringListSpec ? string[]
  : never;
type Optional<S extends OptionSpecs> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];

/** The validated values of `S`: a key declared `optional` may be absent, every other is set. */
export type OptionValues<S extends OptionSpecs> = { [K in Exclude<keyof S, Optional<S>>]: ValueOf<S[K]> } & { [K in Optional<S>]?: ValueOf<S[K]> };

/** The first problem found: at a key (`path`: the key, and the list index for an element), or keys not declared. */
export type OptionIssue = { path: (string | number)[]; message: string; unknownKeys?: undefined } | { unknownKeys: string[]; path?: undefined; message?: undefined };

const BOOL_WORDS = ['true', 'false', 'yes', 'no', '1', '0', 'on', 'off'];
const TRUE_WORDS = ['true', 'yes', '1', 'on'];

/** How a value's type is named in a message. */
function received(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v); // NaN, Infinity, -Infinity
  return typeof v;
}

const oneOf = (values: readonly string[]): string => `Invalid option: expected one of ${values.map((v) => JSON.stringify(v)).join('|')}`;

type Checked = { ok: true; value: unknown } | { ok: false; path: (string | number)[]; message: string };
const bad = (path: (string | number)[], message: string): Checked => ({ ok: false, path, message });

function checkNumber(spec: NumberSpec, v: unknown): Checked {
  const x = Number(v);
  if (Number.isNaN(x)) return bad([], 'Invalid input: expected number, received NaN');
  if (!Number.isFinite(x)) return bad([], `Invalid input: expected number, received ${x}`);
  if (spec.int) {
    if (!Number.isInteger(x)) return bad([], 'Invalid input: expected int, received number');
    if (x > Number.MAX_SAFE_INTEGER) return bad([], `Too big: expected int to be <=${Number.MAX_SAFE_INTEGER}`);
    if (x < Number.MIN_SAFE_INTEGER) return bad([], `Too small: expected int to be >=${Number.MIN_SAFE_INTEGER}`);
  }
  if (spec.min === 'positive' && !(x > 0)) return bad([], 'Too small: expected number to be >0');
  if (spec.min === 'nonnegative' && x < 0) return bad([], 'Too small: expected number to be >=0');
  return { ok: true, value: x };
}

/** Checks a value that was given (not undefined). */
function checkValue(spec: OptionSpec, v: unknown): Checked {
  switch (spec.kind) {
    case 'enum':
      return typeof v === 'string' && spec.values.includes(v) ? { ok: true, value: v } : bad([], oneOf(spec.values));
    case 'number':
      return checkNumber(spec, v);
    case 'bool':
      if (typeof v === 'boolean') return { ok: true, value: v };
      return typeof v === 'string' && BOOL_WORDS.includes(v) ? { ok: true, value: TRUE_WORDS.includes(v) } : bad([], 'Invalid input');
    case 'enum-list': {
      const list = typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter((s) => s !== '') : v;
      if (!Array.isArray(list)) return bad([], `Invalid input: expected array, received ${received(list)}`);
      const i = list.findIndex((x) => typeof x !== 'string' || !spec.values.includes(x));
      if (i >= 0) return bad([i], oneOf(spec.values));
      return list.length >= 1 ? { ok: true, value: [...list] } : bad([], 'Too small: expected array to have >=1 items');
    }
    case 'string':
      if (typeof v !== 'string') return bad([], `Invalid input: expected string, received ${received(v)}`);
      return v.length >= 1 ? { ok: true, value: v } : bad([], 'Too small: expected string to have >=1 characters');
    case 'string-list': {
      if (!Array.isArray(v)) return bad([], `Invalid input: expected array, received ${received(v)}`);
      const i = v.findIndex((x) => typeof x !== 'string');
      return i >= 0 ? bad([i], `Invalid input: expected string, received ${received(v[i])}`) : { ok: true, value: [...v] };
    }
  }
}

/**
 * Validates `raw` against `specs`: each key's value, or its default when not given (undefined); an
 * optional key not given stays unset. With `strict`, keys not declared are an issue (after every
 * key's own); without, they are dropped.
 */
export function parseOptionSpecs<S extends OptionSpecs>(specs: S, raw: Readonly<Record<string, unknown>>, strict: boolean): { ok: true; value: OptionValues<S> } | { ok: false; issue: OptionIssue } {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const v = raw[key];
    if (v === undefined) {
      if ('default' in spec && spec.default !== undefined) out[key] = Array.isArray(spec.default) ? [...spec.default] : spec.default;
      else if (Object.hasOwn(raw, key)) out[key] = undefined;
      continue;
    }
    const r = checkValue(spec, v);
    if (!r.ok) return { ok: false, issue: { path: [key, ...r.path], message: r.message } };
    out[key] = r.value;
  }
  const unknownKeys = Object.keys(raw).filter((k) => !Object.hasOwn(specs, k));
  if (strict && unknownKeys.length > 0) return { ok: false, issue: { unknownKeys } };
  return { ok: true, value: out as OptionValues<S> };
}

/**
 * The one-line error for an issue with `key=value` options given with `flag` to `owner` (`known`:
 * the keys it takes), e.g. `--checker-opt check-timeout=0: Too small: expected number to be >0 (for
 * checker linearizable)`. Shared by the zod validation (options.ts) and `validateOptionSpecs`.
 */
export function optionIssueError(flag: string, owner: string, issue: OptionIssue, raw: Readonly<Record<string, unknown>>, known: readonly string[]): UserError {
  if (issue.unknownKeys) {
    const hint = known.length ? ` (known: ${known.join(', ')})` : '';
    return new UserError(`${flag} ${issue.unknownKeys.join(', ')}: not an option of ${owner}${hint}`);
  }
  const key = issue.path.join('.');
  const given = raw[key] === undefined ? `${key} (not given, so its default)` : `${key}=${String(raw[key])}`;
  return new UserError(`${flag} ${given}: ${issue.message} (for ${owner})`);
}

/** Validates `key=value` options `raw` (strictly) against `specs`; a bad one is a one-line `UserError` naming `flag` and the key. */
export function validateOptionSpecs<S extends OptionSpecs>(flag: string, owner: string, specs: S, raw: Readonly<Record<string, unknown>>): OptionValues<S> {
  const r = parseOptionSpecs(specs, raw, true);
  if (r.ok) return r.value;
  throw optionIssueError(flag, owner, r.issue, raw, Object.keys(specs));
}
