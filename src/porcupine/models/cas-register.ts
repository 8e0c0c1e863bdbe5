/**
 * A compare-and-set register, etcd style, optionally one per key. The register starts absent
 * (`null`). A cas whose compare failed still observed the register: it is a step that requires
 * state ≠ `from` and leaves the state unchanged. Output `undefined` means the outcome is unknown:
 * a read then matches anything and a cas swaps if and only if the state equals `from`.
 */
import { partitionByKey } from '../model.js';
import { showJson } from '../show.js';
import type { Model } from '../types.js';
import { scalarHash, type RegisterValue } from './register.js';

/** An operation on a cas register; ops with different `key`s are independent. */
export type CasRegisterInput =
  | { op: 'read'; key?: string }
  | { op: 'write'; key?: string; value: RegisterValue }
  | { op: 'cas'; key?: string; from: RegisterValue; to: RegisterValue };

/** A read's value, a cas's success (`true` swapped, `false` compare failed), `undefined` = unknown. */
export type CasRegisterOutput = RegisterValue | boolean | undefined;

/** Compare-and-set register. */
export const casRegisterModel: Model<RegisterValue, CasRegisterInput, CasRegisterOutput> = {
  name: 'cas-register',
  init: () => null,
  step(state, input, output) {
    switch (input.op) {
      case 'write':
        return [true, input.value];
      case 'read':
        return [output === undefined || output === state, state];
      case 'cas':
        if (output === undefined) return [true, state === input.from ? input.to : state];
        if (output === true) return [state === input.from, input.to];
        return [state !== input.from, state];
    }
  },
  equal: (a, b) => a === b,
  hash: scalarHash,
  readOnly: (input, output) => input.op === 'read' || (input.op === 'cas' && output === false),
  ...partitionByKey((i: CasRegisterInput) => i.key),
  describeOperation(input, output) {
    const k = input.key === undefined ? '' : `${input.key}: `;
    const show = (v: unknown): string => (v === undefined ? '?' : showJson(v));
    if (input.op === 'write') return `${k}write(${show(input.value)})`;
    if (input.op === 'read') return `${k}read() -> ${show(output)}`;
    const outcome = output === undefined ? '?' : output === true ? 'swapped' : 'compare failed';
    return `${k}cas(${show(input.from)}, ${show(input.to)}) -> ${outcome}`;
  },
  describeState: (s) => (s === null ? 'absent' : showJson(s)),
};
