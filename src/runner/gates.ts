/**
 * Regression gates: bounds on a run's figures that turn a regression into a failure in CI, beside
 * the checkers' verdict. Each bound reads one figure of the run's stats, defined once where the stats
 * are made:
 *  - `--max-p99-ms`: the p99 invoke-to-ok latency of the client ops (latency.ts);
 *  - `--min-availability`: the fraction of client ops that completed ok while a fault was in force
 *    (fault-availability.ts, over the fault intervals the stats read back from the nemesis ops);
 *  - `--min-throughput`: client completions in the load phase ÷ its seconds (throughput.ts).
 * A figure that cannot be measured (no ok op; no op completed during a fault) breaches its bound: a
 * gate that passes because nothing was measured would hide the very regression it is there for.
 */
import type { RunStats } from './results.js';

/** The bounds given; each absent one is not checked. */
export interface Thresholds {
  maxP99Ms?: number;
  minAvailability?: number;
  minThroughput?: number;
}

/** One bound, checked: the figure measured (null: none to measure), the limit, and whether it held. */
export interface ThresholdCheck {
  /** The flag that set it, e.g. `--min-throughput`. */
  threshold: string;
  measured: number | null;
  limit: number;
  unit: string;
  passed: boolean;
  /** One line naming the threshold, the measured value and the limit. */
  message: string;
}

/** A figure for people: whole numbers from 1000 up, else 4 significant digits (no exponent below 1e21). */
export function figure(x: number): string {
  if (Number.isInteger(x) || Math.abs(x) >= 1000) return String(Math.round(x));
  return String(Number(x.toPrecision(4)));
}

interface Bound {
  flag: string;
  key: keyof Thresholds;
  unit: string;
  /** What the figure is, for the message. */
  what: string;
  /** Why there is nothing to measure. */
  none: string;
  at: 'most' | 'least';
  measure(s: RunStats): number | undefined;
}

const BOUNDS: readonly Bound[] = [
  { flag: '--max-p99-ms', key: 'maxP99Ms', unit: 'ms', what: 'p99 latency of ok client ops', none: 'no client op completed ok', at: 'most', measure: (s) => s.latencyMs?.p99 },
  {
    flag: '--min-availability', key: 'minAvailability', unit: '', what: 'fraction of client ops ok while faults were active',
    none: 'no client op completed while a fault was active', at: 'least', measure: (s) => s.faultAvailability,
  },
  { flag: '--min-throughput', key: 'minThroughput', unit: 'ops/s', what: 'throughput (client completions in the load phase ÷ its seconds)', none: 'no load phase', at: 'least', measure: (s) => (s.loadS ? s.opsPerSec : undefined) },
];

/** Checks every bound of `t` against `stats`, in a fixed order. */
export function checkThresholds(stats: RunStats, t: Thresholds): ThresholdCheck[] {
  const out: ThresholdCheck[] = [];
  for (const b of BOUNDS) {
    const limit = t[b.key];
    if (limit === undefined) continue;
    const m = b.measure(stats);
    const unit = b.unit ? ` ${b.unit}` : '';
    const bound = `${b.at === 'most' ? 'at most' : 'at least'} ${figure(limit)}${unit}`;
    if (m === undefined) {
      out.push({ threshold: b.flag, measured: null, limit, unit: b.unit, passed: false, message: `${b.flag}: nothing measured (${b.none}); the limit is ${bound}` });
      continue;
    }
    const passed = b.at === 'most' ? m <= limit : m >= limit;
    const message = `${b.flag}: ${b.what} was ${figure(m)}${unit}; the limit is ${bound}${passed ? '' : ' — breached'}`;
    out.push({ threshold: b.flag, measured: m, limit, unit: b.unit, passed, message });
  }
  return out;
}

/** True when any bound was breached. */
export function breached(checks: readonly ThresholdCheck[]): boolean {
  return checks.some((c) => !c.passed);
}
