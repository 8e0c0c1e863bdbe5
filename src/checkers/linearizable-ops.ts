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
 */
import { pairOps, type Op, type OpPair } from '../core/op.js';
import type { CasRegisterInput, CasRegisterOutput, KvInput, Operation } from '../porcupine/index.js';

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

function registerValue(v: unknown, what: string): number | string | null {
  if (v === null || typeof v === 'number' || typeof v === 'string') return v;
  throw new Error(`${what}: expected a number, string or null, found ${JSON.stringify(v)}`);
}

function inputOf(model: LinearizableModelName, op: Op): unknown {
  const key = op.key;
  const where = `op ${op.index}`;
  if (model === 'kv') {
    if (key === undefined) throw new Error(`${where}: expected a key for the kv model`);
    if (op.f === 'get') return { op: 'get', key } satisfies KvInput;
    return { op: op.f as 'put' | 'append', key, value: String(op.value ?? '') } satisfies KvInput;
  }
  if (op.f === 'read') return { op: 'read', key } satisfies CasRegisterInput;
  if (op.f === 'write') return { op: 'write', key, value: registerValue(op.value, where) } satisfies CasRegisterInput;
  const v = op.value;
  if (!Array.isArray(v) || v.length !== 2) throw new Error(`${where}: expected a cas value [from, to], found ${JSON.stringify(v)}`);
  return { op: 'cas', key, from: registerValue(v[0], where), to: registerValue(v[1], where) } satisfies CasRegisterInput;
}

function outputOf(model: LinearizableModelName, complete: Op): unknown {
  if (model === 'kv') return complete.f === 'get' ? String(complete.value ?? '') : undefined;
  if (complete.f === 'read') return registerValue(complete.value, `op ${complete.index}`) satisfies CasRegisterOutput;
  if (complete.f === 'cas') return complete.type === 'ok';
  return null;
}

/** Converts a history; throws a plain Error describing the first op it cannot use. */
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
      throw new Error(`op ${invoke.index}: the ${model} model has no operation "${invoke.f}" (expected ${FS[model].join(', ')})`);
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
