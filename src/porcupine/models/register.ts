/**
 * A read/write register, optionally one per key. The register starts absent (`null`).
 * A read with output `undefined` has an unknown outcome and matches any state.
 */
import { partitionByKey } from '../model.js';
import { showJson } from '../show.js';
import type { Model } from '../types.js';

/**
 * A register's value: `null` when it was never written. Integers beyond 2^53 are `bigint`s, so
 * values compare exactly with `===` (a caller must not mix 2n and 2 for the same integer).
 */
export type RegisterValue = number | bigint | string | null;

/** An operation on a register; ops with different `key`s are independent. */
export type RegisterInput = { op: 'read'; key?: string } | { op: 'write'; key?: string; value: RegisterValue };

/** State hash for scalar register values: numbers as themselves, anything else as JSON. */
export function scalarHash(v: RegisterValue): string | number {
  return typeof v === 'number' ? v : showJson(v);
}

/** Read/write register. Output: the value a read returned (`undefined` = unknown); ignored for writes. */
export const registerModel: Model<RegisterValue, RegisterInput, RegisterValue | undefined> = {
  name: 'register',
  init: () => null,
  step(state, input, output) {
    if (input.op === 'write') return [true, input.value];
    return [output === undefined || output === state, state];
  },
  equal: (a, b) => a === b,
  hash: scalarHash,
  readOnly: (input) => input.op === 'read',
  ...partitionByKey((i: RegisterInput) => i.key),
  describeOperation(input, output) {
    const k = input.key === undefined ? '' : `${input.key}: `;
    if (input.op === 'write') return `${k}write(${showJson(input.value)})`;
    return `${k}read() -> ${output === undefined ? '?' : showJson(output)}`;
  },
  describeState: (s) => (s === null ? 'absent' : showJson(s)),
};
