/**
 * Lifting plain values into generators, as in Jepsen:
 *  - an op template object `{f, value?, key?}` emits that op once, to the first free thread;
 *  - a function `(test, ctx) => template | null` is called once per op, forever, until it returns
 *    null (it is only called when a thread is free). It must be pure: the interpreter may ask for an
 *    op, discard it (a completion came first) and ask again — use `fromArbitrary` for random values;
 *  - an array is a sequence: each element runs until exhausted, then the next (no barrier — use
 *    `phases` for one);
 *  - a Generator is itself.
 */
import { PENDING, type GenContext, type GenOp, type GenStep, type GenTest, type Generator } from '../generator.js';
import type { OpTemplate } from '../op.js';
import { someFreeProcess } from './context.js';

/** An op template that may also ask for a sleep or a log line (`type` defaults to 'invoke'). */
export type OpSpec = OpTemplate & { type?: GenOp['type'] };

/** A function generator: called with the test and context, returns the next op or null when done. */
export type OpFn = (test: GenTest, ctx: GenContext) => OpSpec | null | undefined;

/** Anything that can act as a generator. */
export type GenLike = Generator | OpSpec | OpFn | readonly GenLike[];

/** True for a Generator value (has `op` and `update` methods). */
export function isGenerator(x: unknown): x is Generator {
  return typeof x === 'object' && x !== null && typeof (x as Generator).op === 'function' && typeof (x as Generator).update === 'function';
}

/** Fills in an op spec for the first free thread; undefined when every thread is busy. */
export function fillIn(spec: OpSpec, ctx: GenContext): GenOp | undefined {
  const process = someFreeProcess(ctx);
  if (process === undefined) return undefined;
  const op: GenOp = { type: spec.type ?? 'invoke', process, time: ctx.time, f: spec.f };
  if (spec.value !== undefined) op.value = spec.value;
  if (spec.key !== undefined) op.key = spec.key;
  return op;
}

/** Turns any GenLike into a Generator (see the module comment for the rules). */
export function gen(x: GenLike): Generator {
  if (isGenerator(x)) return x;
  if (Array.isArray(x)) return sequence(x.map(gen));
  if (typeof x === 'function') return fnGen(x as OpFn);
  if (typeof x === 'object' && x !== null && typeof (x as OpSpec).f === 'string') return templateGen(x as OpSpec);
  throw new TypeError(`gen: expected a generator, an op template {f, value, key}, a function or an array, got ${String(x)}`);
}

function templateGen(spec: OpSpec): Generator {
  const self: Generator = {
    op(_test, ctx) {
      const op = fillIn(spec, ctx);
      return op ? { op, gen: exhausted } : { op: PENDING, gen: self };
    },
    update: () => self,
  };
  return self;
}

function fnGen(f: OpFn): Generator {
  const self: Generator = {
    op(test, ctx) {
      if (someFreeProcess(ctx) === undefined) return { op: PENDING, gen: self };
      const spec = f(test, ctx);
      if (spec == null) return null;
      return { op: fillIn(spec, ctx)!, gen: self };
    },
    update: () => self,
  };
  return self;
}

/** A generator that is already exhausted. */
export const exhausted: Generator = { op: () => null, update: () => exhausted };

/** Runs `gens` one after another; updates go to the current one (Jepsen's seq generator). */
export function sequence(gens: readonly Generator[]): Generator {
  if (gens.length === 0) return exhausted;
  const [head, ...rest] = gens;
  return {
    op(test, ctx): GenStep {
      let h = head!;
      let r = rest;
      for (;;) {
        const step = h.op(test, ctx);
        if (step !== null) return { op: step.op, gen: sequence([step.gen, ...r]) };
        if (r.length === 0) return null;
        [h, ...r] = r as [Generator, ...Generator[]];
      }
    },
    update: (test, ctx, event) => sequence([head!.update(test, ctx, event), ...rest]),
  };
}
