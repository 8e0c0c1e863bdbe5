/**
 * Convergence: after every fault healed and every update completed, do the replicas agree, and how
 * long did they take? Per key, the final reads — each replica's last `ok` read begun after the key
 * went quiet (history.ts) — must all return the same state (sets compared as sets, counters and
 * registers as values: canonical.ts). Replicas are the nodes named on the ops (`op.node`); a history
 * without them compares client processes instead, and then only those that made a final read.
 *
 *  - **divergent**: two final reads of a key disagree. This rules out `eventual` (soundly, under the
 *    assumption the final phase is built on: a final read began after the faults healed and the
 *    writes stopped, and after time to settle, so what it returns is its replica's settled state).
 *  - A key whose final reads agree converged. When, is bounded from both sides, from the heal (the
 *    last nemesis op's completion; without faults, from when the key went quiet): it had agreed by
 *    the end of the first agreeing round — the latest, over replicas, completion of the first read of
 *    the replica from which on every read of the key returned the agreed state (`agreedByUpperBoundMs`)
 *    — and had not yet before the start of the last read that returned another state
 *    (`agreedByLowerBoundMs`, 0 when none did). Final reads begin only after quiescence and the
 *    settle wait, so the upper bound is mostly that wait: it is not the system's convergence time,
 *    only a bound on it.
 *  - A key with no final read, or (when nodes are recorded) a node seen in the history without a final
 *    read of the key, is undecided: `eventual` is then unknown unless another key diverged.
 * The updates are every client op whose f is not the read's.
 */
import { canonical, missingFrom } from './canonical.js';
import { distributionMs, Findings, type Ruling } from './findings.js';
import { finalReads, groupByKey, quietTime, type ClientOp } from './history.js';
import { keyText, show, type EventualAnomaly, type HistoryOp } from './types.js';

/** Options of `checkConvergence`. */
export interface ConvergenceOptions {
  maxAnomalies: number;
  read?: string;
}

/** What the convergence check found. */
export interface ConvergenceResult {
  anomalies: EventualAnomaly[];
  counts: Record<string, number>;
  rulings: { eventual: Ruling };
  stats: Record<string, unknown>;
}

/** Checks that the final reads of every key agree. Throws `EventualInputError` on a malformed history. */
export function checkConvergence(history: readonly HistoryOp[], o: ConvergenceOptions): ConvergenceResult {
  const readF = o.read ?? 'read';
  const g = groupByKey(history, readF);
  const found = new Findings(o.maxAnomalies);
  const nodes = new Set<string>();
  if (g.nodesRecorded) for (const ops of g.keys.values()) for (const op of ops) nodes.add(op.replica);
  const upper: number[] = [];
  const lower: number[] = [];
  const undecided: Record<string, string> = {};
  let converged = 0;
  for (const [key, ops] of g.keys) {
    const quiet = quietTime(ops, g.healTime, readF);
    const finals = finalReads(ops, quiet, readF);
    const unread = [...nodes].filter((n) => !finals.has(n));
    const texts = new Map([...finals].map(([replica, r]) => [replica, canonical(r.value)]));
    if (new Set(texts.values()).size > 1) {
      found.add('divergent', () => divergent(key, [...finals.values()], texts));
      continue;
    }
    if (finals.size === 0 || unread.length > 0) {
      undecided[key] = finals.size === 0 ? 'no read began after the key went quiet' : `no final read from ${unread.join(', ')}`;
      continue;
    }
    converged++;
    const agreed = texts.values().next().value as string;
    const from = Number.isFinite(g.healTime) ? g.healTime : quiet;
    const at = agreedAt(ops, quiet, readF, agreed, finals.size);
    upper.push(at.by - from);
    lower.push(Math.max(0, at.notBefore - from));
  }
  const judged = converged + found.count('divergent');
  const eventual = found.ruling(['divergent'], judged > 0 && Object.keys(undecided).length === 0);
  const stats = {
    keys: g.keys.size,
    converged,
    divergent: found.count('divergent'),
    undecided: Object.keys(undecided).length,
    undecidedKeys: Object.fromEntries(Object.entries(undecided).slice(0, o.maxAnomalies)),
    replicas: g.nodesRecorded ? [...nodes].sort() : 'client processes (the history records no nodes)',
    healedAtMs: Number.isFinite(g.healTime) ? Math.round(g.healTime / 1e4) / 100 : null,
    agreedByUpperBoundMs: distributionMs(upper),
    agreedByLowerBoundMs: distributionMs(lower),
  };
  return { anomalies: found.anomalies(), counts: { ...found.counts }, rulings: { eventual }, stats };
}

/**
 * When the replicas agreed: the reads after `quiet` that return `agreed` to the end form a suffix; for
 * each replica, its first read in that suffix; the latest completion among those (`by`). The read just
 * before the suffix returned another state, so the replicas did not yet agree when it began
 * (`notBefore`; -Infinity when every read after `quiet` agreed).
 */
function agreedAt(ops: readonly ClientOp[], quiet: number, readF: string, agreed: string, replicas: number): { by: number; notBefore: number } {
  const after = ops.filter((op) => op.f === readF && op.outcome === 'ok' && op.invokeTime > quiet);
  let s = after.length;
  while (s > 0 && canonical(after[s - 1].value) === agreed) s--;
  const first = new Map<string, number>();
  for (let i = s; i < after.length && first.size < replicas; i++) if (!first.has(after[i].replica)) first.set(after[i].replica, after[i].completeTime);
  return { by: Math.max(...first.values()), notBefore: s > 0 ? after[s - 1].invokeTime : -Infinity };
}

function divergent(key: string, finals: ClientOp[], texts: Map<string, string>): EventualAnomaly {
  const groups = new Map<string, ClientOp[]>();
  for (const r of finals) {
    const t = texts.get(r.replica)!;
    groups.set(t, [...(groups.get(t) ?? []), r]);
  }
  const [a, b] = [...groups.values()].map((rs) => rs[0]);
  const describe = (rs: ClientOp[]): string => `${rs.map((r) => `${r.replica} (op ${r.invokeIndex})`).join(', ')} read ${summary(rs[0].value)}`;
  let diff = '';
  if (Array.isArray(a.value) && Array.isArray(b.value)) {
    const onlyA = missingFrom(a.value, b.value, 5);
    const onlyB = missingFrom(b.value, a.value, 5);
    const part = (m: { some: unknown[]; count: number }, x: ClientOp, y: ClientOp) =>
      m.count > 0 ? ` ${m.count} element${m.count > 1 ? 's' : ''} (${m.some.map(show).join(', ')}${m.count > 5 ? ', …' : ''}) on ${x.replica} but not ${y.replica}.` : '';
    diff = part(onlyA, a, b) + part(onlyB, b, a);
  }
  return {
    kind: 'divergent',
    key,
    ops: finals.map((r) => r.invokeIndex),
    explanation: `The final reads of ${keyText(key)} disagree after every fault healed and every update completed: ${[...groups.values()].map(describe).join('; ')}.${diff}`,
    detail: { states: Object.fromEntries([...texts].map(([replica, t]) => [replica, t.length > 200 ? `${t.slice(0, 197)}...` : t])) },
  };
}

function summary(v: unknown): string {
  return Array.isArray(v) ? `${v.length} element${v.length === 1 ? '' : 's'}` : show(v);
}
