/**
 * The counter checker (after Jepsen's `counter`): increments by non-negative integers and reads of
 * the count, judged per key.
 *  - Every read lies between the sum of the increments acknowledged (`ok`) before it began and the
 *    sum of every increment that may have happened (`ok`, `info` or never completed) invoked before it
 *    completed. A read below (**counter-read-low**: acknowledged increments missing) or above
 *    (**counter-read-high**: increments nobody had asked for yet) rules out `linearizable`: the
 *    increments it must include took effect before it, and those it cannot include took effect after
 *    it, in any linearization, and a count only grows. Within bounds is not enough for
 *    linearizability (reads must also be monotonic in real time), so it never holds here.
 *  - A final read (the last read of a replica begun after the key went quiet: every fault healed and
 *    every increment completed) is exact: all acknowledged increments plus some subset of the unknown
 *    ones (subset-sums.ts). One that is not (**final-read-wrong**) rules out `eventual`: the
 *    replica's settled state is no state the increments could produce. `eventual` holds when every
 *    key's final reads were exact, and is unknown when a key has no final read, or too many unknown
 *    increments to enumerate their sums (then only the bounds are checked).
 * Increments are the ops with `f === incr`, their value the amount; reads those with `f === read`.
 */
import { Findings, type Ruling } from './findings.js';
import { COUNTER_RULES } from './rules.js';
import { finalReads, groupByKey, quietTime, type ClientOp } from './history.js';
import { at } from './set-reads.js';
import { subsetSums } from './subset-sums.js';
import { EventualInputError, keyText, show, type EventualAnomaly, type HistoryOp } from './types.js';

/** Options of `checkCounter`. */
export interface CounterOptions {
  maxAnomalies: number;
  incr?: string;
  read?: string;
}

export { COUNTER_RULES };

/** What the counter checker found. */
export interface CounterResult {
  anomalies: EventualAnomaly[];
  counts: Record<string, number>;
  rulings: Record<keyof typeof COUNTER_RULES, Ruling>;
  stats: Record<string, unknown>;
}

/** How many of `xs` (non-decreasing) are below `t` (or at most `t`, when `inclusive`). */
function countBefore(xs: Float64Array, t: number, inclusive: boolean): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] < t || (inclusive && xs[mid] === t)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Prefix sums: out[i] = sum of the first i amounts. */
const prefix = (amounts: number[]): Float64Array => {
  const out = new Float64Array(amounts.length + 1);
  amounts.forEach((a, i) => (out[i + 1] = out[i] + a));
  return out;
};

/** Checks a counter history. Throws `EventualInputError` (naming the op) on input it cannot judge. */
export function checkCounter(history: readonly HistoryOp[], o: CounterOptions): CounterResult {
  const incrF = o.incr ?? 'incr';
  const readF = o.read ?? 'read';
  const g = groupByKey(history, readF);
  const found = new Findings(o.maxAnomalies);
  let reads = 0;
  let finals = 0;
  let exactUndecided = 0;
  let keysWithoutFinal = 0;
  for (const [key, ops] of g.keys) {
    const incrs = ops.filter((op) => op.f === incrF);
    for (const op of incrs) {
      if (typeof op.value !== 'number' || !Number.isSafeInteger(op.value) || op.value < 0) {
        throw new EventualInputError(op.invokeIndex, `an ${incrF} of ${keyText(key)} by ${show(op.value)}: the counter checker expected a non-negative integer`);
      }
    }
    const maybe = incrs.filter((op) => op.outcome !== 'fail');
    const acked = incrs.filter((op) => op.outcome === 'ok').sort((a, b) => a.completeTime - b.completeTime);
    const ackedDone = Float64Array.from(acked, (op) => op.completeTime);
    const ackedSum = prefix(acked.map((op) => op.value as number));
    const maybeInvoked = Float64Array.from(maybe, (op) => op.invokeTime);
    const maybeSum = prefix(maybe.map((op) => op.value as number));
    let keyReads = 0;
    for (const r of ops) {
      if (r.f !== readF || r.outcome !== 'ok') continue;
      keyReads++;
      // A counter never incremented may read as nothing (null): that is 0.
      const value = r.value === null ? 0 : r.value;
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new EventualInputError(r.invokeIndex, `a read of ${keyText(key)} returned ${show(r.value)}: the counter checker expected an integer`);
      const low = ackedSum[countBefore(ackedDone, r.invokeTime, false)];
      const high = maybeSum[countBefore(maybeInvoked, r.completeTime, true)];
      if (value < low) found.add('counter-read-low', () => bad('counter-read-low', key, r, low, high, `below the ${low} that increments acknowledged before it began add up to`));
      else if (value > high) found.add('counter-read-high', () => bad('counter-read-high', key, r, low, high, `above the ${high} that every increment invoked before it completed could add up to`));
    }
    reads += keyReads;
    const last = [...finalReads(ops, quietTime(ops, g.healTime, readF), readF).values()];
    if (last.length === 0 && (incrs.length > 0 || keyReads > 0)) keysWithoutFinal++;
    finals += last.length;
    if (last.length === 0) continue;
    const base = ackedSum[acked.length];
    const unknown = maybe.filter((op) => op.outcome !== 'ok').map((op) => op.value as number);
    const reachable = subsetSums(unknown);
    if (!reachable) exactUndecided++;
    const most = base + unknown.reduce((a, b) => a + b, 0);
    for (const r of last) {
      const v = r.value === null ? 0 : (r.value as number);
      const ok = reachable ? reachable(v - base) : v >= base && v <= most;
      if (!ok) found.add('final-read-wrong', () => bad('final-read-wrong', key, r, base, most, finalWhy(v, base, most, unknown.length)));
    }
  }
  const rulings = {
    eventual: found.ruling(COUNTER_RULES.eventual, reads > 0 && keysWithoutFinal === 0 && exactUndecided === 0),
    linearizable: found.ruling(COUNTER_RULES.linearizable, false),
  };
  const stats = { keys: g.keys.size, reads, finalReads: finals, keysWithoutFinal, exactUndecided, ...found.counts };
  return { anomalies: found.anomalies(), counts: { ...found.counts }, rulings, stats };
}

function finalWhy(v: number, base: number, most: number, unknown: number): string {
  if (v < base) return `below the ${base} that the acknowledged increments add up to: acknowledged increments are missing from the settled count`;
  if (v > most) return `above the ${most} that every increment that may have happened adds up to`;
  return `not ${base} plus the sum of any subset of the ${unknown} increments whose outcome is unknown`;
}

function bad(kind: string, key: string, r: ClientOp, low: number, high: number, why: string): EventualAnomaly {
  const final = kind === 'final-read-wrong' ? 'final ' : '';
  return {
    kind,
    key,
    ops: [r.invokeIndex],
    explanation: `Op ${r.invokeIndex} (${final}read of ${keyText(key)}${at(r)}) returned ${r.value as number}, ${why}.`,
    detail: { value: r.value, low, high },
  };
}
