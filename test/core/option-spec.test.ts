/**
 * Option specs are validated two ways: without zod (`parseOptionSpecs`, what `faultline check` uses)
 * and by the zod schema built from them (`zodOptionsSchema`, what the workloads and `faultline list`
 * use). They must agree on every input: the same values, defaults and unset keys, or the same first
 * problem (key path and message). Checked here on each kind of spec with good, bad and odd inputs,
 * and on every registered checker's specs.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkers } from '../../src/checkers/index.js';
import { checkOptionSpecs } from '../../src/cli/check.js';
import { parseOptionSpecs, validateOptionSpecs, type OptionSpecs } from '../../src/core/option-spec.js';
import { zodOptionShape, zodOptionsSchema } from '../../src/core/option-spec-zod.js';
import { validateOptions } from '../../src/core/options.js';

const SPECS = {
  e: { kind: 'enum', values: ['a', 'b'], default: 'a', help: 'a choice' },
  eo: { kind: 'enum', values: ['a', 'b'], optional: true },
  n: { kind: 'number', min: 'positive', int: true, default: 3 },
  m: { kind: 'number', min: 'nonnegative', optional: true },
  p: { kind: 'number', min: 'positive', default: 0.5 },
  b: { kind: 'bool', default: true },
  l: { kind: 'enum-list', values: ['x', 'y'], default: ['x'] },
  s: { kind: 'string', optional: true },
  sl: { kind: 'string-list', default: [] },
} as const satisfies OptionSpecs;

const VALUES: unknown[] = [
  undefined, null, true, false, 0, -0, 1, 2.5, -1, NaN, Infinity, -Infinity, 1e300, -1e300, 2 ** 53 + 2,
  '', ' ', '0', '-0', '1', '3', '-1', '-1.5', '1.5', '1e3', ' 5 ', 'abc', 'Infinity', '-Infinity', '9007199254740993',
  'a', 'b', 'c', 'x', 'y', 'x,y', 'y, x', 'x,z', ' , ', 'x,,y', 'true', 'false', 'yes', 'no', 'on', 'off', 'maybe',
  [], [7], ['x'], ['x', 'x'], ['x', 4], ['a', 1], ['z'], {}, { a: 1 },
];

/** What the zod schema says, in the zod-free validator's terms. */
function viaZod(schema: z.ZodType, raw: Record<string, unknown>) {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data, keys: Object.keys(r.data as object) };
  const i = r.error.issues[0];
  return { ok: false, issue: i.code === 'unrecognized_keys' ? { unknownKeys: i.keys } : { path: i.path, message: i.message } };
}

function viaSpecs(specs: OptionSpecs, raw: Record<string, unknown>, strict: boolean) {
  const r = parseOptionSpecs(specs, raw, strict);
  return r.ok ? { ok: true, value: r.value, keys: Object.keys(r.value) } : { ok: false, issue: r.issue };
}

describe('option specs validated without zod agree with their zod schema', () => {
  const strict = zodOptionsSchema(SPECS);
  const loose = z.object(zodOptionShape(SPECS));

  it.each(Object.keys(SPECS))('key %s: every value', (key) => {
    for (const v of VALUES) {
      const raw = { [key]: v };
      expect(viaSpecs(SPECS, raw, true), `${key}=${String(v)}`).toEqual(viaZod(strict, raw));
      expect(viaSpecs(SPECS, raw, false), `${key}=${String(v)}`).toEqual(viaZod(loose, raw));
    }
  });

  it('nothing given: the defaults; unknown keys refused after the keys own problems, or dropped when not strict', () => {
    for (const raw of [{}, { zz: 1 }, { zz: 1, yy: undefined }, { e: 'c', zz: 1 }, { zz: 1, n: 'abc', e: 'c' }, { eo: undefined, m: undefined }]) {
      expect(viaSpecs(SPECS, raw, true), JSON.stringify(raw)).toEqual(viaZod(strict, raw));
      expect(viaSpecs(SPECS, raw, false), JSON.stringify(raw)).toEqual(viaZod(loose, raw));
    }
  });

  it('every checker of the registry, and check’s own options', () => {
    const cases = (specs: OptionSpecs) => [{}, { nope: '1' }, ...Object.keys(specs).flatMap((k) => VALUES.map((v) => ({ [k]: v })))];
    for (const entry of Object.values(checkers)) {
      const schema = zodOptionsSchema(entry.options);
      for (const raw of cases(entry.options)) expect(viaSpecs(entry.options, raw, true), `${entry.name} ${JSON.stringify(raw)}`).toEqual(viaZod(schema, raw));
    }
    const schema = z.object(zodOptionShape(checkOptionSpecs));
    for (const raw of cases(checkOptionSpecs)) expect(viaSpecs(checkOptionSpecs, raw, false), `check ${JSON.stringify(raw)}`).toEqual(viaZod(schema, raw));
  });

  it('a bad key=value option is the same one-line error either way', () => {
    const lin = checkers.linearizable.options;
    for (const raw of [{ 'check-timeout': '0' }, { model: 'queue' }, { 'explain-timeout': '-1' }, { nope: '1', other: '2' }]) {
      const flag = '--checker-opt';
      const specErr = (() => { try { validateOptionSpecs(flag, 'checker linearizable', lin, raw); } catch (e) { return (e as Error).message; } })();
      const zodErr = (() => { try { validateOptions(flag, 'checker linearizable', zodOptionsSchema(lin), raw); } catch (e) { return (e as Error).message; } })();
      expect(specErr).toBeDefined();
      expect(specErr).toBe(zodErr);
    }
    expect(() => validateOptionSpecs('--checker-opt', 'checker linearizable', lin, { 'check-timeout': '0' })).toThrow('--checker-opt check-timeout=0: Too small: expected number to be >0 (for checker linearizable)');
  });
});
