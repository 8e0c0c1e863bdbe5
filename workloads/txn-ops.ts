/**
 * The op stream of the transactional workloads (Elle's generators): transactions of `min`–`max`
 * micro-ops over a small pool of active keys. Each micro-op reads a key (`['r', k, null]`) or writes one
 * (`['append', k, v]` for list-append, `['w', k, v]` for rw-register), with the values written to a key
 * unique within it (1, 2, 3, …). A key retires once it has taken `maxWritesPerKey` writes and a fresh
 * key takes its place in the pool, so every key's history stays short (cheap to check) while the pool
 * stays contended (the anomalies need concurrent transactions on the same keys). Pure: the RNG and the
 * pool travel inside the generator.
 */
import { PENDING, type Generator } from '../src/core/generator.js';
import { initialRng, randFloat, randInt, someFreeProcess, type Rng } from '../src/core/generators/index.js';

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
  /** Writes a key takes before it retires. */
  maxWritesPerKey: number;
  /** Chance that a micro-op is a read. */
  readFraction: number;
}

interface PoolKey {
  key: string;
  /** The next value written to it; also 1 + the writes it has taken. */
  next: number;
}

interface State {
  rng: Rng;
  pool: readonly PoolKey[];
  /** Name of the next fresh key. */
  fresh: number;
}

/** Draws one transaction from `s`; returns its micro-ops and the state after it. */
export function drawTxn(shape: TxnShape, s: State): [MicroOp[], State] {
  let [length, rng] = randInt(s.rng, shape.minLength, shape.maxLength);
  const pool = [...s.pool];
  let fresh = s.fresh;
  const txn: MicroOp[] = [];
  for (let i = 0; i < length; i++) {
    let slot: number;
    let roll: number;
    [slot, rng] = randInt(rng, 0, pool.length - 1);
    [roll, rng] = randFloat(rng);
    const k = pool[slot];
    if (roll < shape.readFraction) {
      txn.push(['r', k.key, null]);
      continue;
    }
    txn.push([shape.write, k.key, k.next]);
    pool[slot] = k.next >= shape.maxWritesPerKey ? { key: String(fresh++), next: 1 } : { key: k.key, next: k.next + 1 };
  }
  return [txn, { rng, pool, fresh }];
}

function step(shape: TxnShape, s: State | undefined, seedName: string): Generator {
  const self: Generator = {
    op(test, ctx) {
      const process = someFreeProcess(ctx);
      if (process === undefined) return { op: PENDING, gen: self };
      const st = s ?? {
        rng: initialRng(test, undefined, seedName),
        pool: Array.from({ length: shape.keyCount }, (_, i) => ({ key: String(i), next: 1 })),
        fresh: shape.keyCount,
      };
      const [txn, next] = drawTxn(shape, st);
      return { op: { type: 'invoke', process, time: ctx.time, f: 'txn', value: txn }, gen: step(shape, next, seedName) };
    },
    update() {
      return self;
    },
  };
  return self;
}

/** An endless stream of transactions; `seedName` salts the run's seed. */
export function txnOps(shape: TxnShape, seedName: string): Generator {
  for (const [name, v, min] of [['keyCount', shape.keyCount, 1], ['minLength', shape.minLength, 1], ['maxWritesPerKey', shape.maxWritesPerKey, 1]] as const) {
    if (!Number.isInteger(v) || v < min) throw new RangeError(`txnOps: ${name} must be an integer >= ${min}, got ${v}`);
  }
  if (!Number.isInteger(shape.maxLength) || shape.maxLength < shape.minLength) {
    throw new RangeError(`txnOps: maxLength must be an integer >= minLength ${shape.minLength}, got ${shape.maxLength}`);
  }
  if (!(shape.readFraction >= 0 && shape.readFraction <= 1)) throw new RangeError(`txnOps: readFraction must be in [0, 1], got ${shape.readFraction}`);
  return step(shape, undefined, seedName);
}
