/**
 * The pipeline every workload shares: extract transactions, let the workload find the anomalies its
 * reads show directly and add its data edges, add process and real-time edges, find and classify the
 * cycles, and explain each cycle edge by edge; then, for a workload that can tell, search the cyclic
 * components for reads that missed a write of their causal past (`causal.ts`).
 */
import { Arena } from './arena.js';
import { Bit, labelOf } from './edge-bits.js';
import { causalCycles, CAUSAL_KIND, type CausalRelation } from './causal.js';
import { findCycles, type CycleFinding } from './cycles.js';
import { GraphBuilder } from './graph.js';
import { addProcessEdges, addRealtimeEdges } from './order-edges.js';
import { extractTxns, type MopParser } from './txns.js';
import { TxnStatus, type CycleStep, type ElleAnomaly, type ElleOptions, type ElleResult, type HistoryOp, type Mops, type Txns, type UndecidedKind } from './types.js';

/** What a workload contributes once its transactions are known. */
export interface WorkloadAnalysis {
  /** Anomalies found without a cycle search. */
  anomalies: ElleAnomaly[];
  /** Adds the workload's dependency edges. */
  addEdges(g: GraphBuilder): void;
  /** Why the data edge `a → b` taken as `bit` holds, naming the two `A` and `B`; null if it cannot tell. */
  explain(a: number, b: number, bit: number, A: string, B: string): string | null;
  /** Figures for the result's stats. */
  stats: Record<string, number>;
  /**
   * What the causal search (`causal.ts`) needs to know of this workload's reads, once the edges are
   * added; absent when the workload does not look for transactional-causal violations.
   */
  causal?(): CausalRelation;
}

/** A workload: how to read its micro-ops, and what to do with its transactions. */
export interface Workload {
  parser: MopParser;
  analyse(txns: Txns, mops: Mops, opts: ElleOptions, arena: Arena): WorkloadAnalysis;
}

function explainCycle(f: CycleFinding, txns: Txns, w: WorkloadAnalysis): ElleAnomaly {
  const { nodes, bits } = f.walk;
  const name = (i: number): string => `T${(i % nodes.length) + 1}`;
  const steps: CycleStep[] = nodes.map((from, i) => {
    const to = nodes[(i + 1) % nodes.length];
    const [A, B] = [name(i), name(i + 1)];
    const bit = bits[i];
    let why: string | null;
    if (bit === Bit.process) why = `${A} and ${B} ran on process ${String(txns.process[from])}, ${A} first`;
    else if (bit === Bit.realtime) why = `${A} completed (op ${txns.completeIndex[from]}) before ${B} was invoked (op ${txns.invokeIndex[to]})`;
    else why = w.explain(from, to, bit, A, B);
    return { from, to, label: labelOf(bit), why: why ?? `${A} precedes ${B}` };
  });
  const legend = nodes.map((t, i) => `${name(i)} = op ${txns.invokeIndex[t]}`).join(', ');
  const text = steps.map((s) => `${s.why} (${s.label})`).join('; ');
  return {
    kind: f.kind,
    txns: nodes,
    explanation: `A ${f.kind} cycle of ${nodes.length} transactions (${legend}): ${text}. So T1 must both precede and follow T2.`,
    cycle: { steps, shortest: f.shortest, componentSize: f.componentSize },
  };
}

/** Runs the whole analysis of `history` for `workload`. Throws `ElleInputError` on malformed input. */
export function analyse(history: readonly HistoryOp[], workload: Workload, opts: ElleOptions): ElleResult {
  const t0 = performance.now();
  // About 100 bytes of typed arrays per history record, in one arena (see arena.ts).
  const arena = new Arena(100 * history.length);
  const { txns, mops } = extractTxns(history, workload.parser, arena);
  const t1 = performance.now();
  const w = workload.analyse(txns, mops, opts, arena);
  const g = new GraphBuilder(txns.count, 1.5 * mops.count + (opts.process ? txns.count : 0) + (opts.realtime ? 4 * txns.count : 0), arena);
  w.addEdges(g);
  if (opts.process) addProcessEdges(txns, g);
  if (opts.realtime) addRealtimeEdges(txns, g, arena);
  const collected = g.size;
  const graph = g.freeze();
  const t2 = performance.now();
  const cycles = findCycles(graph, opts.budget, arena);
  const anomalies = [...w.anomalies, ...cycles.findings.map((f) => explainCycle(f, txns, w))];
  const undecided: UndecidedKind[] = [...cycles.undecided];
  const rel = w.causal?.();
  if (rel) {
    const causal = causalCycles(graph, cycles.comps, rel, txns, opts.budget, arena);
    anomalies.push(...causal.anomalies);
    if (!causal.complete && causal.anomalies.length === 0) undecided.push(CAUSAL_KIND);
  }
  const t3 = performance.now();
  const count = (s: TxnStatus): number => txns.status.reduce((n, x) => n + (x === s ? 1 : 0), 0);
  return {
    anomalies,
    undecided,
    txns,
    stats: {
      txns: txns.count,
      ok: count(TxnStatus.ok),
      info: count(TxnStatus.info),
      fail: count(TxnStatus.fail),
      microOps: mops.count,
      keys: mops.keys.length,
      edges: graph.targets.length,
      edgesCollected: collected,
      components: cycles.components,
      largestComponent: cycles.largest,
      ...w.stats,
    },
    ms: { extract: t1 - t0, graph: t2 - t1, cycles: t3 - t2 },
  };
}
