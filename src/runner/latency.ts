/**
 * Latency of a history's client ops, defined once for the summary, results.json and the `--max-p99-ms`
 * gate: the time from an op's invoke to its `ok` completion (the report's latency-quantile chart draws
 * the same ok ops). A `fail` or `info` has no latency worth gating on — a timeout's is the timeout.
 * Quantiles are nearest-rank: the q-quantile of n sorted latencies is the ⌈q·n⌉-th, so p99 is a
 * latency some op really had, and with fewer than 100 ops it is the largest.
 */
import { isClientOp, type Op, type ProcessId } from '../core/op.js';

/** Latency quantiles of the ok client ops, milliseconds. */
export interface LatencyQuantiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** How many ok ops they are taken over. */
  ops: number;
}

/** The nearest-rank q-quantile (0 < q ≤ 1) of ascending `sorted` (non-empty). */
export function nearestRank(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1]!;
}

/** The latencies (ms) of the ok client ops of `history`, ascending. */
export function okLatencies(history: Iterable<Op>): number[] {
  const invokedAt = new Map<ProcessId, number>();
  const out: number[] = [];
  for (const op of history) {
    if (!isClientOp(op)) continue;
    if (op.type === 'invoke') invokedAt.set(op.process, op.time);
    else {
      const t = invokedAt.get(op.process);
      invokedAt.delete(op.process);
      if (op.type === 'ok' && t !== undefined) out.push((op.time - t) / 1e6);
    }
  }
  return out.sort((a, b) => a - b);
}

/** The latency quantiles of the ok client ops, or undefined when there is none. */
export function latencyQuantiles(history: Iterable<Op>): LatencyQuantiles | undefined {
  const l = okLatencies(history);
  if (l.length === 0) return undefined;
  return { p50: nearestRank(l, 0.5), p95: nearestRank(l, 0.95), p99: nearestRank(l, 0.99), max: l[l.length - 1]!, ops: l.length };
}
