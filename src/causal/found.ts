/**
 * Violations as they are found, per kind: the first `limit` of each kind are kept (a badly broken run
 * can have one per read), all of them are counted.
 */
import type { Prepared } from './history.js';
import type { Edge, EdgeLabel, Violation } from './types.js';

/** Collected violations of several kinds. */
export class Found<K extends string> {
  readonly kept: Violation<K>[] = [];
  readonly counts = new Map<K, number>();

  constructor(private readonly limit: number) {}

  /** Counts a violation of `kind`; keeps the one `make` builds if fewer than `limit` are kept. */
  add(kind: K, make: () => Omit<Violation<K>, 'pattern'>): void {
    const c = this.counts.get(kind) ?? 0;
    this.counts.set(kind, c + 1);
    if (c < this.limit) this.kept.push({ pattern: kind, ...make() });
  }

  /** True if a violation of `kind` was found. */
  has(kind: K): boolean {
    return (this.counts.get(kind) ?? 0) > 0;
  }
}

/** An edge between two prepared ops, in caller ids. */
export function edge(h: Prepared, from: number, to: number, label: EdgeLabel): Edge {
  return { from: h.ids[from], to: h.ids[to], label };
}

/** Caller ids of the ops given (INIT and other negative markers left out), without repeats. */
export function opIds(h: Prepared, ...ops: number[]): number[] {
  return [...new Set(ops.filter((o) => o >= 0).map((o) => h.ids[o]))];
}

/** Named ops in caller ids; negative ones (INIT and other markers) left out. */
export function roles(h: Prepared, named: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(named)) if (v >= 0) out[k] = h.ids[v];
  return out;
}
