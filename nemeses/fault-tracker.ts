/**
 * Reading faults back from a history: which faults are in force at each point, and for how long each
 * node was down. A fault is in force from the `ok` completion of an op its package starts faults with
 * (`startFs`) to the `ok` completion of the package's stop op; a start or stop that fails or ends
 * `info` changes nothing here (nothing certain happened). Nodes are down while a package that
 * `downsNodes` (kill, pause) holds them — the nodes named in its start op's completion — and a stop
 * op of a package that `restartsNodes` (kill's restart) brings the nodes it names back up from every
 * such fault (a paused node that was killed and restarted runs again).
 *
 * Used live by the progress line (the faults active right now) and afterwards by the run's stats
 * (`nodeDowntime`). The vocabulary comes from the packages, so a new nemesis needs no change here.
 */
import type { Op } from '../src/core/op.js';
import type { NemesisPackage } from './nemesis.js';

/** A fault in force (or, in `spans`, one that was). */
export interface FaultSpan {
  /** The package that applied it. */
  nemesis: string;
  /** Short words for people: `partition halves`, `kill n1,n3`, `bump-clock n2`. */
  label: string;
  /** Nodes it holds down (kill, pause), if any. */
  down: string[];
  /** History times (ns): from its start's completion to its stop's (open: undefined). */
  from: number;
  to?: number;
}

export interface FaultTracker {
  /** Feed every history record, in order. */
  record(op: Op): void;
  /** The faults in force now, oldest first. */
  active(): FaultSpan[];
  /** Every fault so far, ended or not, oldest first. */
  spans(): FaultSpan[];
}

function labelOf(pkg: NemesisPackage, op: Op): { label: string; nodes: string[] } {
  const v = (op.value ?? {}) as { mode?: unknown; nodes?: unknown };
  const nodes = Array.isArray(v.nodes) ? v.nodes.map(String) : [];
  const words = [pkg.startFs.length > 1 ? op.f : pkg.name];
  if (typeof v.mode === 'string') words.push(v.mode);
  if (nodes.length > 0) words.push(nodes.join(','));
  return { label: words.join(' '), nodes };
}

/** A tracker that knows the ops of `packages`. */
export function faultTracker(packages: readonly NemesisPackage[]): FaultTracker {
  const starts = new Map(packages.flatMap((p) => p.startFs.map((f) => [f, p] as const)));
  const stops = new Map(packages.map((p) => [p.stop.f, p] as const));
  const all: FaultSpan[] = [];
  const open = new Map<string, FaultSpan>();
  /** `nodes` are up again from `time`: every open span holding them down lets them go (split in two). */
  const revive = (nodes: string[], time: number) => {
    for (const [name, s] of open) {
      if (!s.down.some((n) => nodes.includes(n))) continue;
      s.to = time;
      const rest: FaultSpan = { ...s, down: s.down.filter((n) => !nodes.includes(n)), from: time, to: undefined };
      all.push(rest);
      open.set(name, rest);
    }
  };
  return {
    record(op) {
      if (op.process !== 'nemesis' || op.type !== 'ok') return;
      const started = starts.get(op.f);
      if (started) {
        const { label, nodes } = labelOf(started, op);
        const span: FaultSpan = { nemesis: started.name, label, down: started.downsNodes ? nodes : [], from: op.time };
        const before = open.get(started.name);
        if (before) before.to = op.time; // a second start replaces the first: one fault per package
        open.set(started.name, span);
        all.push(span);
        if (before && started.downsNodes) span.down = [...new Set([...before.down, ...nodes])].sort();
        return;
      }
      const stopped = stops.get(op.f);
      const span = stopped && open.get(stopped.name);
      if (span) {
        span.to = op.time;
        open.delete(stopped.name);
      }
      const v = op.value as { nodes?: unknown } | null;
      if (stopped?.restartsNodes && Array.isArray(v?.nodes)) revive(v.nodes.map(String), op.time);
    },
    active: () => all.filter((s) => s.to === undefined),
    spans: () => [...all],
  };
}

/**
 * For each node that was down within [from, to] (history ns), the fraction of it that node was down:
 * killed, stopped or paused, overlapping faults counted once. Faults still in force at the end count
 * to `to`.
 */
export function nodeDowntime(spans: readonly FaultSpan[], from: number, to: number): Record<string, number> {
  const byNode = new Map<string, [number, number][]>();
  for (const s of spans) {
    const a = Math.max(from, s.from);
    const b = Math.min(to, s.to ?? to);
    for (const n of s.down) byNode.set(n, [...(byNode.get(n) ?? []), [a, Math.max(a, b)]]);
  }
  const out: Record<string, number> = {};
  for (const [node, intervals] of [...byNode].sort(([x], [y]) => x.localeCompare(y, 'en', { numeric: true }))) {
    let total = 0;
    let reach = -Infinity;
    for (const [a, b] of intervals.sort((x, y) => x[0] - y[0])) {
      const start = Math.max(a, reach);
      if (b > start) total += b - start;
      reach = Math.max(reach, b);
    }
    if (total > 0 && to > from) out[node] = total / (to - from);
  }
  return out;
}
