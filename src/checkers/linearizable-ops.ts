/**
 * Turns a faultline history into porcupine operations for one of the models the linearizable
 * checker offers. Real time is the position in the history (the file's order is the order events
 * happened). Per completion:
 *  - `ok`: happened, with its output;
 *  - `fail` of a cas with `error: 'cas-mismatch'`: in the etcd-style `cas-register` model the
 *    compare failed, an observation that the register did not hold `from`; the plain `register`
 *    model (Knossos style) drops it like any other fail;
 *  - any other `fail`: did not happen, dropped;
 *  - `info`, or no completion: unknown, open to the end of the history. A read whose outcome is
 *    unknown observed nothing and changed nothing, so it is dropped.
 * Nemesis ops are ignored. Keys partition the history (ops without a key form one register).
 * Register values are numbers (integers beyond 2^53 as exact `bigint`s), strings or null. A record
 * the model cannot use is a `MalformedOpError` naming it.
 */
import type { CheckResult } from '../core/checker.js';
import { showValue } from '../core/exact-json.js';
import type { ModelVerdicts } from '../core/models.js';
import { MalformedOpError, pairOps, type Op, type OpPair } from '../core/op.js';
import type { CasRegisterInput, CasRegisterOutput, KvInput, Operation, RegisterValue } from '../porcupine/index.js';

/** Seconds spent after a non-linearizable verdict deciding the other keys, unless told otherwise. */
export const DEFAULT_EXPLAIN_TIMEOUT_S = 3;

/** Models the checker can judge a history against. */
export const LINEARIZABLE_MODELS = ['register', 'cas-register', 'kv'] as const;
/** One of `LINEARIZABLE_MODELS`. */
export type LinearizableModelName = (typeof LINEARIZABLE_MODELS)[number];

/** Porcupine operations plus, per operation, the history records it came from. */
export interface Converted {
  operations: Operation<unknown, unknown>[];
  pairs: OpPair[];
  dropped: number;
}

const FS: Record<LinearizableModelName, readonly string[]> = {
  register: ['read', 'write', 'cas'],
  'cas-register': ['read', 'write', 'cas'],
  kv: ['get', 'put', 'append'],
};

function registerValue(v: unknown, op: Op): RegisterValue {
  if (v === null || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string') return v;
  throw new MalformedOpError(op.index, `expected the ${op.f}'s value to be a number, string or nil, found ${showValue(v)}`);
}

function inputOf(model: LinearizableModelName, op: Op): unknown {
  const key = op.key;
  if (model === 'kv') {
    if (key === undefined) throw new MalformedOpError(op.index, `expected a key for the kv model on this ${op.f}`);
    if (op.f === 'get') return { op: 'get', key } satisfies KvInput;
    return { op: op.f as 'put' | 'append', key, value: String(op.value ?? '') } satisfies KvInput;
  }
  if (op.f === 'read') return { op: 'read', key } satisfies CasRegisterInput;
  if (op.f === 'write') return { op: 'write', key, value: registerValue(op.value, op) } satisfies CasRegisterInput;
  const v = op.value;
  if (!Array.isArray(v) || v.length !== 2) throw new MalformedOpError(op.index, `expected a cas value [from, to], found ${showValue(v)}`);
  return { op: 'cas', key, from: registerValue(v[0], op), to: registerValue(v[1], op) } satisfies CasRegisterInput;
}

function outputOf(model: LinearizableModelName, complete: Op): unknown {
  if (model === 'kv') return complete.f === 'get' ? String(complete.value ?? '') : undefined;
  if (complete.f === 'read') return registerValue(complete.value, complete) satisfies CasRegisterOutput;
  if (complete.f === 'cas') return complete.type === 'ok';
  return null;
}

/** Converts a history; throws a `MalformedOpError` naming the first op it cannot use. */
export function toOperations(model: LinearizableModelName, history: readonly Op[]): Converted {
  const client = history.filter((op) => op.process !== 'nemesis');
  const position = new Map<Op, number>();
  history.forEach((op, i) => position.set(op, i));
  const operations: Operation<unknown, unknown>[] = [];
  const pairs: OpPair[] = [];
  let dropped = 0;
  for (const pair of pairOps(client)) {
    const { invoke, complete } = pair;
    if (!FS[model].includes(invoke.f)) {
      throw new MalformedOpError(invoke.index, `the ${model} model has no operation "${invoke.f}" (expected ${FS[model].join(', ')})`);
    }
    const observation = model === 'cas-register' && complete?.type === 'fail' && complete.f === 'cas' && complete.error === 'cas-mismatch';
    const unknown = !complete || complete.type === 'info';
    const isRead = invoke.f === 'read' || invoke.f === 'get';
    if ((complete?.type === 'fail' && !observation) || (unknown && isRead)) {
      dropped++;
      continue;
    }
    operations.push({
      clientId: typeof invoke.process === 'number' ? invoke.process : undefined,
      input: inputOf(model, invoke),
      call: position.get(invoke)!,
      output: unknown ? undefined : outputOf(model, complete!),
      return: unknown ? Infinity : position.get(complete!)!,
    });
    pairs.push(pair);
  }
  return { operations, pairs, dropped };
}

/**
 * The model a history's client ops fit: `cas-register` when every f is read, write or cas; `kv`
 * when every f is get, put or append; undefined when there are none or neither fits.
 */
export function fittingModel(history: readonly Op[]): LinearizableModelName | undefined {
  const fs = new Set<string>();
  for (const op of history) if (op.process !== 'nemesis') fs.add(op.f);
  if (fs.size === 0) return undefined;
  const fits = (m: LinearizableModelName): boolean => [...fs].every((f) => FS[m].includes(f));
  return fits('cas-register') ? 'cas-register' : fits('kv') ? 'kv' : undefined;
}

/**
 * The result of a per-key search checker that could not read the history: unknown, with the models it
 * rules on unknown, and the op it could not read (`badOp`) when the error names one, so `check` and
 * `analyze` report its file:line.
 */
export function unreadable(e: unknown, models: ModelVerdicts): CheckResult {
  const badOp = e instanceof MalformedOpError ? { badOp: { index: e.index, reason: e.reason } } : {};
  return { valid: 'unknown', models, error: `cannot check: ${(e as Error).message}`, ...badOp };
}
