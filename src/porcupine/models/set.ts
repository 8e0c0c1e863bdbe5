/**
 * A grow-only set of scalars: add an element, or read the whole set. A read's output is the set's
 * elements in any order (`undefined` = unknown outcome).
 */
import { showJson } from '../show.js';
import type { Model } from '../types.js';

/** A set element (integers beyond 2^53 as exact `bigint`s). */
export type SetElement = number | bigint | string;

/** An operation on the set. */
export type SetInput = { op: 'add'; value: SetElement } | { op: 'read' };

/** The set, as a sorted array without duplicates. */
export type SetState = readonly SetElement[];

function sorted(xs: readonly SetElement[]): SetElement[] {
  return [...new Set(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Grow-only set. Output: a read's elements; ignored for adds. */
export const setModel: Model<SetState, SetInput, readonly SetElement[] | undefined> = {
  name: 'set',
  init: () => [],
  step(state, input, output) {
    if (input.op === 'add') return [true, state.includes(input.value) ? state : sorted([...state, input.value])];
    if (output === undefined) return [true, state];
    const seen = sorted(output);
    return [seen.length === state.length && seen.every((x, i) => x === state[i]), state];
  },
  equal: (a, b) => a.length === b.length && a.every((x, i) => x === b[i]),
  hash: (s) => showJson(s),
  readOnly: (input) => input.op === 'read',
  describeOperation(input, output) {
    if (input.op === 'add') return `add(${showJson(input.value)})`;
    return `read() -> ${output === undefined ? '?' : showJson(sorted(output))}`;
  },
  describeState: (s) => showJson(s),
};
