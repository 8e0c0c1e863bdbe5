/**
 * A string key-value store with get, put and append, as in Porcupine's kv example. A missing key
 * reads as `""`. Partitioned by key; `kvModelUnpartitioned` checks all keys as one state, which
 * is much harder and exists to measure the search.
 */
import { partitionByKey } from '../model.js';
import type { Model } from '../types.js';

/** An operation on the store. `value` is the put/append argument. */
export type KvInput = { op: 'get'; key: string } | { op: 'put' | 'append'; key: string; value: string };

/** The store: an immutable map from key to value (absent keys read as ""). */
export type KvState = Readonly<Record<string, string>>;

function kvStep(state: KvState, input: KvInput, output: string | undefined): readonly [boolean, KvState] {
  const current = state[input.key] ?? '';
  if (input.op === 'get') return [output === undefined || output === current, state];
  const value = input.op === 'put' ? input.value : current + input.value;
  return [true, { ...state, [input.key]: value }];
}

function kvHash(state: KvState): string {
  const keys = Object.keys(state).sort();
  return JSON.stringify(keys.map((k) => [k, state[k]]));
}

/** Key-value store partitioned by key. Output: what a get returned (`undefined` = unknown); ignored otherwise. */
export const kvModel: Model<KvState, KvInput, string | undefined> = {
  name: 'kv',
  init: () => ({}),
  step: kvStep,
  equal: (a, b) => kvHash(a) === kvHash(b),
  hash: kvHash,
  readOnly: (input) => input.op === 'get',
  ...partitionByKey((i: KvInput) => i.key),
  describeOperation(input, output) {
    if (input.op === 'get') return `get(${JSON.stringify(input.key)}) -> ${output === undefined ? '?' : JSON.stringify(output)}`;
    return `${input.op}(${JSON.stringify(input.key)}, ${JSON.stringify(input.value)})`;
  },
  describeState: kvHash,
};

/** The same store checked as a single state over all keys (no partitioning). */
export const kvModelUnpartitioned: Model<KvState, KvInput, string | undefined> = {
  ...kvModel,
  name: 'kv-unpartitioned',
  partition: undefined,
  partitionEvent: undefined,
};
