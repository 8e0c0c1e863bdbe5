/**
 * A string key-value store with get, put and append, as in Porcupine's kv example. A missing key
 * reads as `""`. `kvModel` is partitioned by key, so its state is one key's value;
 * `kvModelUnpartitioned` checks all keys as one state, which is much harder and exists to measure
 * the search. States carry an incrementally maintained hash of their strings (see string-hash.ts).
 */
import { partitionByKey } from '../model.js';
import type { Model } from '../types.js';
import { compileKv } from './kv-compiled.js';
import { appendHash, stringHash } from './string-hash.js';

/** An operation on the store. `value` is the put/append argument. */
export type KvInput = { op: 'get'; key: string } | { op: 'put' | 'append'; key: string; value: string };

/** One key's value, with its hash. */
export interface KvCell {
  readonly value: string;
  readonly hash: number;
}

/** The whole store: key → cell (absent keys read as ""), and a hash of it all. */
export interface KvState {
  readonly cells: Readonly<Record<string, KvCell>>;
  readonly hash: number;
}

const EMPTY: KvCell = { value: '', hash: 0 };

function update(cell: KvCell, input: KvInput & { value: string }): KvCell {
  if (input.op === 'put') return { value: input.value, hash: stringHash(input.value) };
  return { value: cell.value + input.value, hash: appendHash(cell.hash, input.value) };
}

function describeKv(input: KvInput, output: string | undefined): string {
  if (input.op === 'get') return `get(${JSON.stringify(input.key)}) -> ${output === undefined ? '?' : JSON.stringify(output)}`;
  return `${input.op}(${JSON.stringify(input.key)}, ${JSON.stringify(input.value)})`;
}

/**
 * Key-value store partitioned by key; a partition's state is its key's value.
 * Output: what a get returned (`undefined` = unknown); ignored for put and append.
 */
export const kvModel: Model<KvCell, KvInput, string | undefined> = {
  name: 'kv',
  init: () => EMPTY,
  step(state, input, output) {
    if (input.op === 'get') return [output === undefined || output === state.value, state];
    return [true, update(state, input)];
  },
  equal: (a, b) => a.value === b.value,
  hash: (s) => s.hash,
  readOnly: (input) => input.op === 'get',
  ...partitionByKey((i: KvInput) => i.key),
  describeOperation: describeKv,
  describeState: (s) => JSON.stringify(s.value),
  // The search's fast path (kv-compiled.ts), unless `init`, `step` or `equal` was replaced.
  compile(inputs, outputs, model, order) {
    if (model.init !== kvModel.init || model.step !== kvModel.step || model.equal !== kvModel.equal) return undefined;
    return compileKv(inputs, outputs, order);
  },
};

/** A key's share of the store's hash; "" counts as absent, so equal stores hash equally. */
function share(key: string, cell: KvCell | undefined): number {
  if (!cell || cell.value === '') return 0;
  return Math.imul(stringHash(key) ^ Math.imul(cell.hash, 0x9e3779b1), 0x85ebca6b);
}

/** The same store checked as one state over all keys (no partitioning). */
export const kvModelUnpartitioned: Model<KvState, KvInput, string | undefined> = {
  name: 'kv-unpartitioned',
  init: () => ({ cells: {}, hash: 0 }),
  step(state, input, output) {
    const cell = state.cells[input.key] ?? EMPTY;
    if (input.op === 'get') return [output === undefined || output === cell.value, state];
    const next = update(cell, input);
    const hash = (state.hash - share(input.key, cell) + share(input.key, next)) | 0;
    return [true, { cells: { ...state.cells, [input.key]: next }, hash }];
  },
  equal(a, b) {
    for (const k of Object.keys(a.cells)) if (a.cells[k].value !== (b.cells[k]?.value ?? '')) return false;
    for (const k of Object.keys(b.cells)) if (b.cells[k].value !== (a.cells[k]?.value ?? '')) return false;
    return true;
  },
  hash: (s) => s.hash,
  readOnly: (input) => input.op === 'get',
  describeOperation: describeKv,
  describeState: (s) => JSON.stringify(Object.fromEntries(Object.entries(s.cells).map(([k, c]) => [k, c.value]))),
};
