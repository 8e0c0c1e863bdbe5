/** Random histories for the causal engine's property tests (fast-check arbitraries). */
import fc from 'fast-check';
import type { HistoryOp } from '../../src/causal/index.js';

/**
 * Up to `maxOps` ops of up to `processes` processes on `keys`; each write writes a fresh value; a read
 * returns the initial value or any value written to its key (from the future too, unless `past`: then
 * only values written before it in the list, so that most histories are causally consistent).
 */
export const randomHistory = (maxOps: number, processes: number, keys: string[], past = false): fc.Arbitrary<HistoryOp[]> =>
  fc
    .array(fc.record({ process: fc.nat(processes - 1), key: fc.constantFrom(...keys), write: fc.boolean(), pick: fc.nat(9) }), { maxLength: maxOps })
    .map((plan) => {
      const values = new Map<string, number[]>(keys.map((k) => [k, []]));
      plan.forEach((p, i) => p.write && values.get(p.key)!.push(i + 1));
      return plan.map((p, i): HistoryOp => {
        if (p.write) return { id: i, process: p.process, kind: 'write', key: p.key, value: i + 1 };
        const vs = values.get(p.key)!.filter((v) => !past || v <= i);
        const value = p.pick >= vs.length ? null : past ? vs[vs.length - 1 - p.pick] : vs[p.pick];
        return { id: i, process: p.process, kind: 'read', key: p.key, value };
      });
    });

/** A serial execution: ops run one at a time against one register per key. */
export const serialHistory = fc
  .array(fc.record({ process: fc.nat(3), key: fc.constantFrom('x', 'y', 'z'), write: fc.boolean() }), { minLength: 1, maxLength: 60 })
  .map((plan) => {
    const state = new Map<string, number>();
    return plan.map((p, i): HistoryOp => {
      if (p.write) {
        state.set(p.key, i + 1);
        return { id: i, process: p.process, kind: 'write', key: p.key, value: i + 1 };
      }
      return { id: i, process: p.process, kind: 'read', key: p.key, value: state.get(p.key) ?? null };
    });
  });
