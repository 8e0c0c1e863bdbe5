/**
 * Collecting anomalies without drowning in them: every finding is counted by kind, but only the first
 * `max` of each kind are kept (built lazily, so a history with a million lost elements costs a
 * million counts, not a million explanations). Rulings on models follow from the kinds counted.
 */
import type { EventualAnomaly } from './types.js';

/** Where a model stands after a check, and the anomaly kinds that ruled it out. */
export interface Ruling {
  status: 'holds' | 'ruled-out' | 'unknown';
  by: string[];
}

/** Counts every finding by kind and keeps the first `max` of each. */
export class Findings {
  readonly counts: Record<string, number> = {};
  private readonly kept: EventualAnomaly[] = [];
  constructor(private readonly max: number) {}

  /** Counts one finding of `kind`; builds and keeps it while fewer than `max` of the kind are kept. */
  add(kind: string, build: () => EventualAnomaly): void {
    const n = (this.counts[kind] = (this.counts[kind] ?? 0) + 1);
    if (n <= this.max) this.kept.push(build());
  }

  /** Keeps an already built anomaly (the caller chose which ones) and counts `total` of its kind. */
  keep(anomalies: readonly EventualAnomaly[], kind: string, total: number): void {
    if (total === 0) return;
    this.counts[kind] = (this.counts[kind] ?? 0) + total;
    this.kept.push(...anomalies.slice(0, this.max));
  }

  /** How many findings of `kind` there were. */
  count(kind: string): number {
    return this.counts[kind] ?? 0;
  }

  /** The kept anomalies, in the order found. */
  anomalies(): EventualAnomaly[] {
    return [...this.kept];
  }

  /**
   * A model's ruling: ruled out by whichever of `rulesOut` were found; otherwise `holds` when
   * `decided`, else `unknown`.
   */
  ruling(rulesOut: readonly string[], decided: boolean): Ruling {
    const by = rulesOut.filter((k) => this.count(k) > 0);
    if (by.length > 0) return { status: 'ruled-out', by };
    return { status: decided ? 'holds' : 'unknown', by: [] };
  }
}

/** Quantiles of `values` (nanoseconds) in milliseconds, nearest rank; null when there are none. */
export function distributionMs(values: ArrayLike<number>, n = values.length): { min: number; p50: number; p95: number; p99: number; max: number } | null {
  if (n === 0) return null;
  const sorted = (values instanceof Float64Array ? values.slice(0, n) : Float64Array.from({ length: n }, (_, i) => values[i])).sort();
  const at = (p: number): number => Math.round(sorted[Math.min(n - 1, Math.floor(n * p))] / 1e4) / 100;
  return { min: at(0), p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

/** Milliseconds from ns, for explanations: `12.5 ms`. */
export function msText(ns: number): string {
  return `${Math.round(ns / 1e4) / 100} ms`;
}
