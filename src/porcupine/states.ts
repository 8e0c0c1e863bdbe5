/**
 * State interning and step memoization. Every distinct model state gets a small integer id, so the
 * search compares states by id and the memo table keys on it; and each (state, operation) pair is
 * stepped through the model once, after which the search reads the outcome from a table.
 */
import type { FullModel } from './types.js';

/** Below this state id, step outcomes live in per-operation typed arrays; above, in a Map. */
const DENSE_STATES = 1024;

/** Interned states and memoized steps for one partition. */
export class StateSpace<S, I, O> {
  /** States by id. */
  readonly states: S[] = [];
  private readonly ids = new Map<string | number, number[]>();
  /** Per operation: outcome for state ids < DENSE_STATES; 0 unknown, -1 illegal, k+1 next id k. */
  private readonly dense: Int32Array[];
  private readonly sparse = new Map<number, number>();

  constructor(
    private readonly model: FullModel<S, I, O>,
    private readonly inputs: I[],
    private readonly outputs: O[],
  ) {
    this.dense = inputs.map(() => new Int32Array(4));
  }

  /** The id of `state`, interning it on first sight. */
  intern(state: S): number {
    const key = this.model.hash(state);
    const bucket = this.ids.get(key);
    if (bucket) {
      for (const id of bucket) if (this.model.equal(this.states[id], state)) return id;
    }
    const id = this.states.length;
    this.states.push(state);
    if (bucket) bucket.push(id);
    else this.ids.set(key, [id]);
    return id;
  }

  /** The state id after operation `op` in state `state`, or -1 if the step is illegal. */
  step(state: number, op: number): number {
    if (state < DENSE_STATES) {
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
    const key = state * this.inputs.length + op;
    const known = this.sparse.get(key);
    if (known !== undefined) return known;
    const next = this.apply(state, op);
    this.sparse.set(key, next);
    return next;
  }

  private apply(state: number, op: number): number {
    const [ok, next] = this.model.step(this.states[state], this.inputs[op], this.outputs[op]);
    return ok ? this.intern(next) : -1;
  }
}
