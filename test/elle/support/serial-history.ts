/**
 * Strictly serializable transactional histories, from a plan fast-check generates: transactions run by
 * a few processes, each taking effect atomically at one instant between its invoke and its completion.
 * A `fail` transaction takes no effect; an `info` one may or may not (the plan says), and its process
 * then retires (the next transaction on that slot runs as a new process). The same plan can be run
 * against list-append or rw-register semantics.
 */
import fc from 'fast-check';
import type { Op } from '../../../src/core/op.js';
import type { Mop } from './txn-history.js';

/** One planned transaction: micro-ops as [f, key index] and how it ends. */
export interface PlannedTxn {
  mops: ['r' | 'w', number][];
  outcome: 'ok' | 'fail' | 'info' | 'info-applied';
}

/** A plan: transactions, the number of process slots, and the choices that interleave them. */
export interface Plan {
  txns: PlannedTxn[];
  slots: number;
  schedule: number[];
}

/** Arbitrary plans over `keys` keys. */
export function planArb(o: { keys: number; maxTxns: number; maxMops?: number; failures?: boolean }): fc.Arbitrary<Plan> {
  const outcome = o.failures === false ? fc.constant('ok' as const) : fc.oneof({ weight: 6, arbitrary: fc.constant('ok' as const) }, fc.constantFrom('fail' as const, 'info' as const, 'info-applied' as const));
  const txn = fc.record({
    mops: fc.array(fc.tuple(fc.constantFrom('r' as const, 'w' as const), fc.nat({ max: o.keys - 1 })), { minLength: 1, maxLength: o.maxMops ?? 4 }),
    outcome,
  });
  return fc.record({
    txns: fc.array(txn, { minLength: 1, maxLength: o.maxTxns }),
    slots: fc.integer({ min: 1, max: 4 }),
    schedule: fc.array(fc.nat(), { minLength: 0, maxLength: 200 }),
  });
}

/** The semantics a plan runs under: the initial state, and what reads and writes do. */
export interface Semantics {
  read(state: Map<number, unknown>, key: number): unknown;
  write(state: Map<number, unknown>, key: number, value: number): void;
  /** Micro-op name for a write. */
  writeF: string;
}

/** List-append semantics: a write appends, a read returns the whole list. */
export const appendSemantics: Semantics = {
  read: (s, k) => [...((s.get(k) as number[] | undefined) ?? [])],
  write: (s, k, v) => s.set(k, [...((s.get(k) as number[] | undefined) ?? []), v]),
  writeF: 'append',
};

/** Register semantics: a write sets the value, a read returns it (null initially). */
export const registerSemantics: Semantics = {
  read: (s, k) => s.get(k) ?? null,
  write: (s, k, v) => s.set(k, v),
  writeF: 'w',
};

const KEYS = ['x', 'y', 'z', 'u', 'v', 'w'];

/** Runs a plan and returns its history. */
export function runPlan(plan: Plan, sem: Semantics): Op[] {
  const ops: Op[] = [];
  const state = new Map<number, unknown>();
  const counter = new Map<number, number>();
  type Slot = { process: number; txn?: PlannedTxn; mops?: Mop[]; done?: boolean };
  const slots: Slot[] = Array.from({ length: plan.slots }, (_, i) => ({ process: i }));
  let next = 0;
  let step = 0;
  const record = (s: Slot, type: Op['type'], value: unknown): void => {
    ops.push({ index: ops.length, time: ops.length, process: s.process, type, f: 'txn', value });
  };
  const nulled = (mops: Mop[]): Mop[] => mops.map(([f, k, v]) => [f, k, f === 'r' ? null : v]);
  const advance = (s: Slot): void => {
    if (!s.txn) {
      if (next >= plan.txns.length) return;
      s.txn = plan.txns[next++];
      s.mops = s.txn.mops.map(([f, k]) => {
        const v = (counter.get(k) ?? 0) + 1;
        if (f === 'w') counter.set(k, v);
        return f === 'r' ? ['r', KEYS[k], null] : [sem.writeF, KEYS[k], v];
      });
      s.done = false;
      record(s, 'invoke', nulled(s.mops));
    } else if (!s.done) {
      s.done = true;
      const applies = s.txn.outcome === 'ok' || s.txn.outcome === 'info-applied';
      const local = applies ? state : new Map(state);
      s.mops = (s.mops as Mop[]).map(([f, key, v]) => {
        const k = KEYS.indexOf(key as string);
        if (f === 'r') return ['r', key, sem.read(local, k)];
        sem.write(local, k, v as number);
        return [f, key, v];
      });
    } else {
      const o = s.txn.outcome;
      record(s, o === 'ok' ? 'ok' : o === 'fail' ? 'fail' : 'info', o === 'ok' ? s.mops : nulled(s.mops as Mop[]));
      if (o === 'info' || o === 'info-applied') s.process += plan.slots;
      s.txn = undefined;
    }
  };
  while (next < plan.txns.length || slots.some((s) => s.txn)) {
    const busy = slots.filter((s) => s.txn || next < plan.txns.length);
    const pick = step < plan.schedule.length ? plan.schedule[step] : step;
    step++;
    advance(busy[pick % busy.length]);
  }
  return ops;
}
