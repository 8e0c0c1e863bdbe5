/**
 * State interning and step memoization. Every distinct model state gets a small integer id, so the
 * search compares states by id and the memo table keys on it. For the first states (ids below
 * DENSE_STATES) each (state, operation) pair is stepped through the model once, after which the
 * search reads the outcome from a typed array. Beyond that, a state is rarely met twice (think of
 * a key's value after different orders of appends), a memo would cost more than it saves, and steps
 * go to the model every time.
 *
 * A model with `compile` (the partitioned kv model) brings its own integer state machine for the
 * partition; then none of the above is used and the search calls that machine directly.
 */
import type { Entries } from './entries.js';
import type { CompiledModel, FullModel } from './types.js';

/** States with ids below this get memoized steps. */
const DENSE_STATES = 1024;

/** Interned states and memoized steps for one partition. */
export class StateSpace<S, I, O> {
  /** States by id. */
  readonly states: S[] = [];
  /** Hash → first id with that hash; further ids with the same hash are in `collisions`. */
  private readonly ids = new Map<string | number, number>();
  private readonly collisions = new Map<string | number, number[]>();
  /** Per operation: outcome for state ids < DENSE_STATES; 0 unknown, -1 illegal, k+1 next id k. */
  private readonly dense: Int32Array[];
  /** The model's own integer state machine (`Model.compile`), if it has one: then used for everything. */
  readonly compiled: CompiledModel | undefined;
  /** Per operation: 1 if read-only (a legal step keeps the state, so it needs no interning). */
  readonly readOnly: Uint8Array;

  private readonly inputs: I[];
  private readonly outputs: O[];

  constructor(
    private readonly model: FullModel<S, I, O>,
    entries: Entries<I, O>,
  ) {
    const { inputs, outputs } = entries;
    this.inputs = inputs;
    this.outputs = outputs;
    if (model.compile) {
      const callAt = new Int32Array(entries.n);
      const returnAt = new Int32Array(entries.n);
      for (let e = 0; e < 2 * entries.n; e++) (entries.isCall[e] === 1 ? callAt : returnAt)[entries.opOf[e]] = e;
      this.compiled = model.compile(inputs, outputs, model, { callAt, returnAt });
    }
    this.dense = this.compiled ? [] : inputs.map(() => new Int32Array(4));
    this.readOnly = new Uint8Array(inputs.length);
    for (let i = 0; i < inputs.length; i++) this.readOnly[i] = model.readOnly(inputs[i], outputs[i]) ? 1 : 0;
  }

  /** The id of the initial state. */
  init(): number {
    return this.compiled ? this.compiled.init : this.intern(this.model.init());
  }

  /** The id of `state`, interning it on first sight. */
  intern(state: S): number {
    const key = this.model.hash(state);
    const first = this.ids.get(key);
    if (first === undefined) {
      this.ids.set(key, this.states.length);
      return this.states.push(state) - 1;
    }
    if (this.model.equal(this.states[first], state)) return first;
    let more = this.collisions.get(key);
    if (more) {
      for (const id of more) if (this.model.equal(this.states[id], state)) return id;
    } else {
      this.collisions.set(key, (more = []));
    }
    more.push(this.states.length);
    return this.states.push(state) - 1;
  }

  /** The state id after operation `op` in state `state`, or -1 if the step is illegal. */
  step(state: number, op: number): number {
    if (this.compiled !== undefined) return this.compiled.step(state, op);
    if (state >= DENSE_STATES) return this.apply(state, op);
    let row = this.dense[op];
    if (state < row.length) {
      const v = row[state];
      if (v !== 0) return v > 0 ? v - 1 : -1;
    } else {
      const grown = new Int32Array(Math.min(DENSE_STATES, Math.max(row.length * 2, state + 1)));
      grown.set(row);
      this.dense[op] = row = grown;
    }
    const next = this.apply(state, op);
    row[state] = next < 0 ? -1 : next + 1;
    return next;
  }

  private apply(state: number, op: number): number {
    const [ok, next] = this.model.step(this.states[state], this.inputs[op], this.outputs[op]);
    if (!ok) return -1;
    // A read-only op never changes the state (the model's promise), so no interning.
    return this.readOnly[op] === 1 ? state : this.intern(next);
  }
}
