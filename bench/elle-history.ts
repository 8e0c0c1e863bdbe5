/**
 * Generates a strictly serializable list-append history for the elle benchmark, the shape Jepsen's
 * list-append workload produces: `concurrency` processes run transactions of 1–7 micro-ops (about 4 on
 * average), half reads and half appends, over a rotating pool of `activeKeys` keys; a key is retired
 * after a random number of appends (up to `maxAppendsPerKey`) and a fresh key takes its place, so lists
 * stay short. Each transaction takes effect at one instant between its invoke and its completion; about
 * 1% fail (no effect) and 1% end `info` (effect or not, at random; the process then retires). Every read
 * returns a fresh array, as a parsed history file would. Deterministic for a seed.
 */
import type { Op } from '../src/core/op.js';
import { mulberry32 } from './mulberry32.js';

/** Shape of the generated history. */
export interface AppendHistoryOptions {
  txns: number;
  concurrency?: number;
  activeKeys?: number;
  maxAppendsPerKey?: number;
  seed?: number;
}

type Mop = [string, number, unknown];
interface Slot {
  process: number;
  mops: Mop[] | null;
  done: boolean;
  outcome: 'ok' | 'fail' | 'info';
}

/** Builds the history. */
export function appendHistory(o: AppendHistoryOptions): Op[] {
  const rand = mulberry32(o.seed ?? 1);
  const c = o.concurrency ?? 10;
  const active = Array.from({ length: o.activeKeys ?? 8 }, (_, i) => i);
  const budget = new Map<number, number>(active.map((k) => [k, 1 + Math.floor(rand() * (o.maxAppendsPerKey ?? 32))]));
  let nextKey = active.length;
  const lists = new Map<number, number[]>();
  const ops: Op[] = [];
  const slots: Slot[] = Array.from({ length: c }, (_, process) => ({ process, mops: null, done: false, outcome: 'ok' }));
  let started = 0;
  const emit = (s: Slot, type: Op['type'], value: unknown): void => {
    ops.push({ index: ops.length, time: ops.length * 1000, process: s.process, type, f: 'txn', value });
  };
  const counters = new Map<number, number>();
  const nextValue = (k: number): number => {
    const v = (counters.get(k) ?? 0) + 1;
    counters.set(k, v);
    return v;
  };
  const plan = (): Mop[] => {
    const n = 1 + Math.floor(rand() * 7);
    const mops: Mop[] = [];
    for (let i = 0; i < n; i++) {
      const slot = Math.floor(rand() * active.length);
      const k = active[slot];
      if (rand() < 0.5) mops.push(['r', k, null]);
      else {
        const left = (budget.get(k) as number) - 1;
        budget.set(k, left);
        mops.push(['append', k, nextValue(k)]);
        if (left <= 0) {
          active[slot] = nextKey;
          budget.set(nextKey++, 1 + Math.floor(rand() * (o.maxAppendsPerKey ?? 32)));
        }
      }
    }
    return mops;
  };
  while (started < o.txns || slots.some((s) => s.mops)) {
    const s = slots[Math.floor(rand() * c)];
    if (!s.mops) {
      if (started >= o.txns) continue;
      started++;
      s.mops = plan();
      s.done = false;
      const r = rand();
      s.outcome = r < 0.01 ? 'fail' : r < 0.02 ? 'info' : 'ok';
      emit(s, 'invoke', s.mops);
    } else if (!s.done) {
      s.done = true;
      const applies = s.outcome === 'ok' || (s.outcome === 'info' && rand() < 0.5);
      s.mops = s.mops.map(([f, k, v]) => {
        const list = lists.get(k) ?? [];
        if (f === 'r') return [f, k, applies ? list.slice() : null];
        if (applies) lists.set(k, [...list, v as number]);
        return [f, k, v];
      });
    } else {
      emit(s, s.outcome, s.outcome === 'ok' ? s.mops : s.mops.map(([f, k, v]) => [f, k, f === 'r' ? null : v]));
      if (s.outcome === 'info') s.process += c;
      s.mops = null;
    }
  }
  return ops;
}
