/**
 * Throughput, defined once for the progress line, the summary, results.json and the report:
 *
 *   ops/s = client completions in the load phase ÷ the seconds the load phase lasted.
 *
 * The load phase starts with the history (its first record: the interpreter's clock starts with the
 * load) and ends at the time limit — or at the last client completion, when the clients stopped
 * before it (an op limit, an interruption) or the run has no time limit (a history from elsewhere).
 * Not counted: completions after the time limit (ops still in flight then, and the final phase after
 * healing and settling), and the harness's own time starting and stopping the cluster.
 *
 * The meter is fed record by record, so the progress line and `historyStats` compute the same figure
 * from the same records.
 */
import type { Op } from '../core/op.js';

/** The load phase of a history and its throughput. */
export interface Throughput {
  /** Client completions in the load phase. */
  ops: number;
  /** Seconds the load phase lasted (so far, while it runs). */
  seconds: number;
  /** ops ÷ seconds (0 before the first second has a completion in it). */
  opsPerSec: number;
  /** History time (ns) where the load phase starts and ends (so far). */
  from: number;
  to: number;
}

/** Accumulates the throughput of a history, one record at a time. */
export interface LoadMeter {
  record(op: Op): void;
  result(): Throughput;
}

/** A meter for a run whose load phase is `timeLimitS` seconds (none: the whole history). */
export function loadMeter(timeLimitS?: number): LoadMeter {
  let from: number | undefined;
  let lastCompletion: number | undefined;
  let ops = 0;
  const limitNs = timeLimitS !== undefined && timeLimitS > 0 ? timeLimitS * 1e9 : Infinity;
  return {
    record(op) {
      from ??= op.time;
      if (op.process === 'nemesis' || op.type === 'invoke') return;
      lastCompletion = Math.max(lastCompletion ?? op.time, op.time);
      if (op.time <= from + limitNs) ops++;
    },
    result() {
      const start = from ?? 0;
      const to = Math.min(start + limitNs, lastCompletion ?? start);
      const seconds = (to - start) / 1e9;
      return { ops, seconds, opsPerSec: seconds > 0 ? ops / seconds : 0, from: start, to };
    },
  };
}

/** The throughput of a whole history. */
export function loadThroughput(history: Iterable<Op>, timeLimitS?: number): Throughput {
  const m = loadMeter(timeLimitS);
  for (const op of history) m.record(op);
  return m.result();
}
