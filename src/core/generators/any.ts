/**
 * `any(a, b, …)` (Jepsen's `any`): ops from whichever generator has one soonest. Each is asked in
 * the same context; the op with the earliest time wins (ties go to the first), the others stay as
 * they were, and every update goes to all of them. It ends when all are exhausted. Use it to run
 * generators on disjoint threads side by side, e.g. `any(onClients(ops), onNemesis(faults))`.
 */
import { PENDING, type GenOp, type Generator } from '../generator.js';
import { gen, type GenLike } from './lift.js';

/** Ops from whichever of `gens` has one soonest. */
export function any(...gens: GenLike[]): Generator {
  return anyOf(gens.map(gen));
}

function anyOf(gens: readonly Generator[]): Generator {
  return {
    op(test, ctx) {
      const next: Generator[] = [];
      let best: { op: GenOp; gen: Generator; at: number } | undefined;
      for (const g of gens) {
        const step = g.op(test, ctx);
        if (step === null) continue;
        const at = next.length;
        if (step.op === PENDING) next.push(step.gen);
        else {
          next.push(g);
          if (!best || step.op.time < best.op.time) best = { op: step.op, gen: step.gen, at };
        }
      }
      if (next.length === 0) return null;
      if (!best) return { op: PENDING, gen: anyOf(next) };
      next[best.at] = best.gen;
      return { op: best.op, gen: anyOf(next) };
    },
    update: (test, ctx, event) => anyOf(gens.map((g) => g.update(test, ctx, event))),
  };
}
