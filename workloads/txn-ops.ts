/**
 * The op stream of the transactional workloads (Elle's generators): transactions of `min`–`max`
 * micro-ops over a small pool of active keys. Each micro-op reads a key (`['r', k, null]`) or writes one
 * (`['append', k, v]` for list-append, `['w', k, v]` for rw-register), with the values written to a key
 * unique within it. A key retires once it has taken its writes and a fresh key takes its slot in the
 * pool, so every key's history stays short (cheap to check) while the pool stays contended (the
 * anomalies need concurrent transactions on the same keys).
 *
 * Every client thread draws its own stream (`eachProcess`), seeded by the run's seed and the thread, so
 * the transactions a thread issues never depend on how fast the others go: the same seed gives every
 * thread the same transactions in the same order (exact replay). To keep that, the pool is per thread
 * but named alike: slot s holds key s, then s + keyCount, s + 2·keyCount, … and a thread moves its slot
 * to the next key once it has written its share of that key's writes, ⌈maxWritesPerKey ÷ concurrency⌉;
 * threads going at similar speeds therefore contend on the same keys, and a key takes at most
 * concurrency × that share writes. Thread t's n-th write to a key (n from 0) writes n·concurrency + t + 1,
 * unique within the key. With `readBeforeWrite` a transaction reads a key before its first write to it
 * (rw-register's default: a register read shows only the latest value, so without it concurrent blind
 * writes leave the version order unknown and no model can be shown to hold). Pure: the RNG and the
 * pool travel inside the generator.
 */
import { PENDING, type Generator } from '../src/core/generator.js';
import { eachProcess, initialRng, randFloat, randInt, someFreeProcess, type Rng } from '../src/core/generators/index.js';

/** A micro-op as a transactional workload issues it; reads carry null until completed. */
export type MicroOp = [f: 'r' | 'append' | 'w', key: string, value: unknown];

/** Shape of the transactions. */
export interface TxnShape {
  /** `append` (list-append) or `w` (rw-register). */
  write: 'append' | 'w';
  /** Keys in the active pool. */
  keyCount: number;
  minLength: number;
  maxLength: number;
  /** Writes a key takes before it retires (at most; each thread writes its share of them). */
  maxWritesPerKey: number;
  /** Chance that a micro-op is a read. */
  readFraction: number;
  /**
   * Read a key in the transaction before its first write to it (when the transaction has not touched
   * it yet), so every new version's predecessor is observed (default false).
   */
  readBeforeWrite?: boolean;
}

/** One slot of a thread's pool: which key (generation) it holds and how many writes this thread made to it. */
interface Slot {
  generation: number;
  written: number;
}

/** A thread's state. */
export interface TxnState {
  rng: Rng;
  pool: readonly Slot[];
}

/** Where the thread stands among its group: its slot in the value numbering and the group size. */
export interface TxnThread {
  thread: number;
  concurrency: number;
}

/** The writes each thread makes to a key before moving its slot on. */
export function writeShare(shape: TxnShape, concurrency: number): number {
  return Math.max(1, Math.ceil(shape.maxWritesPerKey / concurrency));
}

/** Draws one transaction for thread `who` from `s`; returns its micro-ops and the state after it. */
export function drawTxn(shape: TxnShape, who: TxnThread, s: TxnState): [MicroOp[], TxnState] {
  let [length, rng] = randInt(s.rng, shape.minLength, shape.maxLength);
  const share = writeShare(shape, who.concurrency);
  const pool = [...s.pool];
  const txn: MicroOp[] = [];
  for (let i = 0; i < length; i++) {
    let slot: number;
    let roll: number;
    [slot, rng] = randInt(rng, 0, pool.length - 1);
    [roll, rng] = randFloat(rng);
    const k = pool[slot];
    const key = String(slot + k.generation * shape.keyCount);
    if (roll < shape.readFraction) {
      txn.push(['r', key, null]);
      continue;
    }
    if (shape.readBeforeWrite && !txn.some(([, k2]) => k2 === key)) txn.push(['r', key, null]);
    txn.push([shape.write, key, k.written * who.concurrency + who.thread + 1]);
    pool[slot] = k.written + 1 >= share ? { generation: k.generation + 1, written: 0 } : { generation: k.generation, written: k.written + 1 };
  }
  return [txn, { rng, pool }];
}

function step(shape: TxnShape, s: TxnState | undefined, seedName: string): Generator {
  const self: Generator = {
    op(test, ctx) {
      const process = someFreeProcess(ctx);
      if (process === undefined) return { op: PENDING, gen: self };
      const t = ctx.threads[0];
      const who = { thread: typeof t === 'number' ? t : 0, concurrency: test.concurrency };
      const st = s ?? { rng: initialRng(test, undefined, seedName), pool: Array.from({ length: shape.keyCount }, () => ({ generation: 0, written: 0 })) };
      const [txn, next] = drawTxn(shape, who, st);
      return { op: { type: 'invoke', process, time: ctx.time, f: 'txn', value: txn }, gen: step(shape, next, seedName) };
    },
    update() {
      return self;
    },
  };
  return self;
}

/** An endless stream of transactions, each client thread its own; `seedName` salts the run's seed. */
export function txnOps(shape: TxnShape, seedName: string): Generator {
  for (const [name, v, min] of [['keyCount', shape.keyCount, 1], ['minLength', shape.minLength, 1], ['maxWritesPerKey', shape.maxWritesPerKey, 1]] as const) {
    if (!Number.isInteger(v) || v < min) throw new RangeError(`txnOps: ${name} must be an integer >= ${min}, got ${v}`);
  }
  if (!Number.isInteger(shape.maxLength) || shape.maxLength < shape.minLength) {
    throw new RangeError(`txnOps: maxLength must be an integer >= minLength ${shape.minLength}, got ${shape.maxLength}`);
  }
  if (!(shape.readFraction >= 0 && shape.readFraction <= 1)) throw new RangeError(`txnOps: readFraction must be in [0, 1], got ${shape.readFraction}`);
  return eachProcess(step(shape, undefined, seedName));
}
