/**
 * Availability on each side of a partition, read back from a history. A partition is in force from
 * the `ok` completion of a `start-partition` to that of the `stop-partition` after it; its grudge (for
 * each node, the nodes it cannot hear) splits the nodes into components — two nodes are together when
 * neither is cut off from the other — and a node is on the majority side when its component holds more
 * than half the nodes, else on a minority side. Each client op belongs to the side of its home node at
 * the time it was invoked; ops invoked while no partition is in force count as outside. Availability is the
 * fraction of those ops the system answered: completed `ok`, or `fail` with an error the error table
 * (core/error-codes.ts) marks as an answer — a cas whose compare did not match was answered by an
 * available system. An op that timed out, found no leader or was still open at the end was not
 * answered. An op the configuration does not offer at all (`fail` with `unsupported`, e.g. cas under
 * leaderless replication) says nothing about availability under faults: it is counted apart and left
 * out of the fraction.
 *
 * A client op's home node is the `node` the runner recorded on it; histories without one (older
 * runs) fall back to the runner's binding: thread t = process mod concurrency is bound to node
 * t mod nodes.
 */
import { ERROR_CODES, errorCode } from '../core/error-codes.js';
import { isClientOp, pairOps, type Op } from '../core/op.js';

/** Ops and answered ops on one side. */
export interface SideCount {
  /** Ops counted: every op invoked on this side but those the configuration does not offer. */
  ops: number;
  /** Ops the system answered (ok, or a definite application answer such as cas-mismatch). */
  answered: number;
  /** Ops the configuration does not offer (`fail` with `unsupported`), left out of `ops`. */
  unsupported: number;
  /** answered ÷ ops, or undefined when there were no ops. */
  availability?: number;
}

/** What the availability figures count, one line for the table and cap.html. */
export const AVAILABILITY_LEGEND =
  'availability: ops answered (ok, or a definite answer such as cas-mismatch) ÷ ops invoked on that side; ops the configuration does not offer (unsupported, e.g. cas under leaderless) are left out';

/** Ops left out of every side's fraction because the configuration does not offer them. */
export function unsupportedOps(s: SideAvailability): number {
  return s.minority.unsupported + s.majority.unsupported + s.outside.unsupported;
}

/** How one op counts: answered, not answered, or not offered by the configuration. */
export function availabilityOf(complete: Op | undefined): 'answered' | 'unanswered' | 'unsupported' {
  if (complete?.type === 'ok') return 'answered';
  if (complete?.type !== 'fail') return 'unanswered';
  const code = errorCode(complete.error);
  return code === undefined ? 'unanswered' : ERROR_CODES[code].availability;
}

/** Availability on the minority and majority sides during partitions, and outside partitions. */
export interface SideAvailability {
  minority: SideCount;
  majority: SideCount;
  outside: SideCount;
  /** Partitions seen in force. */
  partitions: number;
}

/** Components of `nodes` under `grudge`: two nodes are joined when neither is cut off from the other. */
export function components(nodes: readonly string[], grudge: Readonly<Record<string, readonly string[]>>): string[][] {
  const parent = new Map(nodes.map((n) => [n, n]));
  const find = (n: string): string => {
    let r = n;
    while (parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  for (const a of nodes) {
    for (const b of nodes) {
      if (a < b && !(grudge[a] ?? []).includes(b) && !(grudge[b] ?? []).includes(a)) parent.set(find(a), find(b));
    }
  }
  const groups = new Map<string, string[]>();
  for (const n of nodes) groups.set(find(n), [...(groups.get(find(n)) ?? []), n]);
  return [...groups.values()];
}

/** Which side of `grudge` each node is on. */
export function sidesOf(nodes: readonly string[], grudge: Readonly<Record<string, readonly string[]>>): Map<string, 'minority' | 'majority'> {
  const out = new Map<string, 'minority' | 'majority'>();
  for (const c of components(nodes, grudge)) for (const n of c) out.set(n, c.length * 2 > nodes.length ? 'majority' : 'minority');
  return out;
}

const count = (): SideCount => ({ ops: 0, answered: 0, unsupported: 0 });

/** Availability of the client ops of `history` by side, for a run of `nodes` and `concurrency` clients. */
export function sideAvailability(history: readonly Op[], nodes: readonly string[], concurrency: number): SideAvailability {
  const out: SideAvailability = { minority: count(), majority: count(), outside: count(), partitions: 0 };
  // The side map in force from each time on, from the partition ops' completions.
  const changes: { time: number; sides?: Map<string, 'minority' | 'majority'> }[] = [];
  for (const op of history) {
    if (op.process !== 'nemesis' || op.type !== 'ok') continue;
    const grudge = (op.value as { grudge?: Record<string, string[]> } | null)?.grudge;
    if (op.f === 'start-partition' && grudge) {
      changes.push({ time: op.time, sides: sidesOf(nodes, grudge) });
      out.partitions++;
    } else if (op.f === 'stop-partition') changes.push({ time: op.time });
  }
  let c = 0;
  let sides: Map<string, 'minority' | 'majority'> | undefined;
  for (const { invoke, complete } of pairOps(history.filter(isClientOp))) {
    while (c < changes.length && changes[c].time <= invoke.time) sides = changes[c++].sides;
    const node = invoke.node ?? nodes[((invoke.process as number) % concurrency) % nodes.length];
    const side = sides ? out[sides.get(node) ?? 'majority'] : out.outside;
    const a = availabilityOf(complete);
    if (a === 'unsupported') {
      side.unsupported++;
      continue;
    }
    side.ops++;
    if (a === 'answered') side.answered++;
  }
  for (const s of [out.minority, out.majority, out.outside]) if (s.ops > 0) s.availability = s.answered / s.ops;
  return out;
}
