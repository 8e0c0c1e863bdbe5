/**
 * Reference semantics for the porcupine models' property tests, written again here, directly from
 * their definitions, with nothing imported from src/: a bug in a model's `step` cannot hide by being
 * in the reference too. Each spec says, for one op in one state, whether the op could have happened
 * with the output it had and what state it leaves. Keys are independent registers (or strings) held
 * in one map; an absent key is `null` (registers) or `""` (kv). An output of `undefined` means the
 * outcome is unknown: a read then observed nothing, a write or append may have taken effect, and a
 * cas swapped exactly when the register held `from`.
 *
 * `linearizableByBruteForce` tries every order of the ops that respects real time (an op that
 * returned before another was called comes first), one op at a time. Exponential: small histories.
 */

/** A register value: absent (`null`), a number or a string. */
export type Scalar = number | bigint | string | null;
/** Register ops (Knossos `register`: read and write; `cas-register` also has cas). */
export type RegisterOp =
  | { op: 'read'; key?: string }
  | { op: 'write'; key?: string; value: Scalar }
  | { op: 'cas'; key?: string; from: Scalar; to: Scalar };
/** Key-value ops: get a key's string, put it, or append to it. */
export type KvOp = { op: 'get'; key: string } | { op: 'put' | 'append'; key: string; value: string };

/** The shape of a timed operation (porcupine's `Operation` has it). */
export interface TimedOp<I, O> {
  input: I;
  output: O;
  call: number;
  return: number;
}

/** A sequential specification: the next state, or `undefined` when the op cannot happen so. */
export interface Spec<S, I, O> {
  init: S;
  apply(state: S, input: I, output: O): S | undefined;
}

/** Registers by key (`undefined`: the ops without a key). */
export type Registers = ReadonlyMap<string | undefined, Scalar>;

/** A register's value in `s` (`null` when never written). */
export const get = (s: Registers, key: string | undefined): Scalar => (s.has(key) ? s.get(key)! : null);
const set = (s: Registers, key: string | undefined, v: Scalar): Registers => new Map(s).set(key, v);

/** cas-register, etcd style: a failed compare observed that the register did not hold `from`. */
export const casRegisterSpec: Spec<Registers, RegisterOp, Scalar | boolean | undefined> = {
  init: new Map(),
  apply(s, input, output) {
    const current = get(s, input.key);
    if (input.op === 'read') return output === undefined || output === current ? s : undefined;
    if (input.op === 'write') return set(s, input.key, input.value);
    const matches = current === input.from;
    if (output === undefined) return matches ? set(s, input.key, input.to) : s;
    if (output === true) return matches ? set(s, input.key, input.to) : undefined;
    return matches ? undefined : s;
  },
};

/** Read/write register (no cas). */
export const registerSpec: Spec<Registers, RegisterOp, Scalar | undefined> = {
  init: new Map(),
  apply(s, input, output) {
    if (input.op === 'cas') throw new Error('registerSpec: a plain register has no cas');
    if (input.op === 'write') return set(s, input.key, input.value);
    return output === undefined || output === get(s, input.key) ? s : undefined;
  },
};

/** String key-value store: a missing key reads as "". */
export const kvSpec: Spec<ReadonlyMap<string, string>, KvOp, string | undefined> = {
  init: new Map(),
  apply(s, input, output) {
    const current = s.get(input.key) ?? '';
    if (input.op === 'get') return output === undefined || output === current ? s : undefined;
    return new Map(s).set(input.key, input.op === 'put' ? input.value : current + input.value);
  },
};

/** Whether some order of `ops` that respects real time satisfies `spec`. */
export function linearizableByBruteForce<S, I, O>(spec: Spec<S, I, O>, ops: readonly TimedOp<I, O>[]): boolean {
  const used = new Array<boolean>(ops.length).fill(false);
  const go = (state: S, placed: number): boolean => {
    if (placed === ops.length) return true;
    for (let i = 0; i < ops.length; i++) {
      if (used[i]) continue;
      // i may go next only if no other unplaced op returned before i was called
      if (ops.some((o, j) => !used[j] && j !== i && o.return < ops[i]!.call)) continue;
      const next = spec.apply(state, ops[i]!.input, ops[i]!.output);
      if (next === undefined) continue;
      used[i] = true;
      if (go(next, placed + 1)) return true;
      used[i] = false;
    }
    return false;
  };
  return go(spec.init, 0);
}

/** Runs `inputs` one after another from the initial state, ignoring outputs (all taken as unknown). */
export function runSequentially<S, I, O>(spec: Spec<S, I, O>, inputs: readonly I[]): S {
  let state = spec.init;
  for (const input of inputs) state = spec.apply(state, input, undefined as O) ?? state;
  return state;
}

/**
 * Whether `seq` (indices into `ops`) is a linearizable prefix: each op, when placed, has no unplaced
 * op that returned before it was called, and `spec` accepts it in the state the ones before left.
 */
export function isLinearizablePrefix<S, I, O>(spec: Spec<S, I, O>, ops: readonly TimedOp<I, O>[], seq: readonly number[]): boolean {
  const placed = new Array<boolean>(ops.length).fill(false);
  let state: S | undefined = spec.init;
  for (const i of seq) {
    if (placed[i] || ops.some((o, j) => !placed[j] && j !== i && o.return < ops[i]!.call)) return false;
    state = spec.apply(state, ops[i]!.input, ops[i]!.output);
    if (state === undefined) return false;
    placed[i] = true;
  }
  return true;
}

/** Per op of `ops`: the length of the longest linearizable prefix that contains it (0 when none does). */
export function longestPrefixesByBruteForce<S, I, O>(spec: Spec<S, I, O>, ops: readonly TimedOp<I, O>[]): number[] {
  const best = new Array<number>(ops.length).fill(0);
  const stack: number[] = [];
  const go = (state: S): void => {
    for (const i of stack) best[i] = Math.max(best[i]!, stack.length);
    for (let i = 0; i < ops.length; i++) {
      if (stack.includes(i)) continue;
      if (ops.some((o, j) => j !== i && !stack.includes(j) && o.return < ops[i]!.call)) continue;
      const next = spec.apply(state, ops[i]!.input, ops[i]!.output);
      if (next === undefined) continue;
      stack.push(i);
      go(next);
      stack.pop();
    }
  };
  go(spec.init);
  return best;
}
