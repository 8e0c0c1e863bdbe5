/**
 * A string key-value store with get, put and append, as in Porcupine's kv example. A missing key
 * reads as `""`. `kvModel` is partitioned by key, so its state is one key's string;
 * `kvModelUnpartitioned` checks all keys as one state (a map), which is much harder and exists to
 * measure the search.
 */
import { partitionByKey } from '../model.js';
import type { Model } from '../types.js';

/** An operation on the store. `value` is the put/append argument. */
export type KvInput = { op: 'get'; key: string } | { op: 'put' | 'append'; key: string; value: string };

/** The whole store: an immutable map from key to value (absent keys read as ""). */
export type KvState = Readonly<Record<string, string>>;

function describeKv(input: KvInput, output: string | undefined): string {
  if (input.op === 'get') return `get(${JSON.stringify(input.key)}) -> ${output === undefined ? '?' : JSON.stringify(output)}`;
  return `${input.op}(${JSON.stringify(input.key)}, ${JSON.stringify(input.value)})`;
}

/**
 * Key-value store partitioned by key; the state of a partition is its key's value.
 * Output: what a get returned (`undefined` = unknown); ignored for put and append.
 */
export const kvModel: Model<string, KvInput, string | undefined> = {
  name: 'kv',
  init: () => '',
  step(state, input, output) {
    if (input.op === 'get') return [output === undefined || output === state, state];
    return [true, input.op === 'put' ? input.value : state + input.value];
  },
  equal: (a, b) => a === b,
  hash: (s) => s,
  readOnly: (input) => input.op === 'get',
  ...partitionByKey((i: KvInput) => i.key),
  describeOperation: describeKv,
  describeState: (s) => JSON.stringify(s),
};

function mapHash(state: KvState): string {
  const keys = Object.keys(state).sort();
  return JSON.stringify(keys.map((k) => [k, state[k]]));
}

/** The same store checked as one state over all keys (no partitioning). */
export const kvModelUnpartitioned: Model<KvState, KvInput, string | undefined> = {
  name: 'kv-unpartitioned',
  init: () => ({}),
  step(state, input, output) {
    const current = state[input.key] ?? '';
    if (input.op === 'get') return [output === undefined || output === current, state];
    return [true, { ...state, [input.key]: input.op === 'put' ? input.value : current + input.value }];
  },
  equal: (a, b) => mapHash(a) === mapHash(b),
  hash: mapHash,
  readOnly: (input) => input.op === 'get',
  describeOperation: describeKv,
  describeState: mapHash,
};
