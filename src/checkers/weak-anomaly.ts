/**
 * Turns a violation found by the causal engine into a faultline `Anomaly`: its kind, its ops (history
 * indices of their invokes), its graph of labelled edges for the report, and a plain-language
 * explanation written from the roles the engine named, each op described as it was invoked.
 */
import type { Violation } from '../causal/index.js';
import type { Anomaly } from '../core/checker.js';

/** `op 12 (read 3 from "k1")`, or `op 12` if there is nothing to say about it. */
export function describeOp(describe: (id: number) => string | undefined, id: number): string {
  const d = describe(id);
  return d === undefined ? `op ${id}` : `op ${id} (${d})`;
}

/** What a read returned: the value of `returned`, or the initial value. */
export function returnedText(describe: (id: number) => string | undefined, roles: Record<string, number>): string {
  return roles.returned === undefined ? 'the initial value' : `the value of ${describeOp(describe, roles.returned)}`;
}

/** The anomaly for a violation, with `explanation` and `kind` given. */
export function anomalyOf(v: Violation<string>, kind: string, explanation: string, detail?: unknown): Anomaly {
  const nodes = [...new Set([...v.ops, ...v.edges.flatMap((e) => [e.from, e.to])])];
  return {
    kind,
    explanation,
    ops: v.ops,
    ...(v.key === undefined ? {} : { key: v.key }),
    graph: { nodes, edges: v.edges.map((e) => ({ ...e })) },
    ...(detail === undefined ? {} : { detail }),
  };
}
