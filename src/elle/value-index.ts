/**
 * An index from (key id, written value) to the micro-op that wrote it, which every workload needs
 * (values are unique per key, so a value names its writer). Integer values, the common case, live in an
 * open-addressing hash table of typed arrays — no per-entry objects for the garbage collector to trace
 * through a large history's heap; other values (strings, fractions) fall back to a map.
 */
import type { Arena } from './arena.js';

const EMPTY = -1;

/** (key id, value) → micro-op id. */
export class ValueIndex {
  private keys: Int32Array;
  private vals: Int32Array;
  private mops: Int32Array;
  private mask: number;
  private size = 0;
  private readonly other = new Map<string, number>();

  /** An index with room for about `expected` entries before it grows, its tables taken from `arena`. */
  constructor(
    expected: number,
    private readonly arena: Arena,
  ) {
    let cap = 16;
    while (cap < expected * 1.5) cap *= 2;
    this.keys = arena.i32(cap).fill(EMPTY);
    this.vals = arena.i32(cap);
    this.mops = arena.i32(cap);
    this.mask = cap - 1;
  }

  private slot(k: number, v: number): number {
    let h = Math.imul(k, 0x9e3779b1) ^ Math.imul(v, 0x85ebca77);
    h ^= h >>> 15;
    let i = h & this.mask;
    while (this.keys[i] !== EMPTY && (this.keys[i] !== k || this.vals[i] !== v)) i = (i + 1) & this.mask;
    return i;
  }

  private static isInt(v: unknown): v is number {
    return typeof v === 'number' && (v | 0) === v;
  }

  private static other(k: number, v: unknown): string {
    return `${k}:${typeof v}:${String(v)}`;
  }

  /** The micro-op that wrote `v` to key `k`, or -1. */
  get(k: number, v: unknown): number {
    if (!ValueIndex.isInt(v)) return this.other.get(ValueIndex.other(k, v)) ?? -1;
    const i = this.slot(k, v);
    return this.keys[i] === EMPTY ? -1 : this.mops[i];
  }

  /** Records that micro-op `m` wrote `v` to key `k` (replacing any earlier entry). */
  set(k: number, v: unknown, m: number): void {
    if (!ValueIndex.isInt(v)) {
      this.other.set(ValueIndex.other(k, v), m);
      return;
    }
    if ((this.size + 1) * 4 > this.keys.length * 3) this.grow();
    const i = this.slot(k, v);
    if (this.keys[i] === EMPTY) this.size++;
    this.keys[i] = k;
    this.vals[i] = v;
    this.mops[i] = m;
  }

  private grow(): void {
    const [keys, vals, mops] = [this.keys, this.vals, this.mops];
    this.keys = this.arena.i32(keys.length * 2).fill(EMPTY);
    this.vals = this.arena.i32(keys.length * 2);
    this.mops = this.arena.i32(keys.length * 2);
    this.mask = keys.length * 2 - 1;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === EMPTY) continue;
      const j = this.slot(keys[i], vals[i]);
      this.keys[j] = keys[i];
      this.vals[j] = vals[i];
      this.mops[j] = mops[i];
    }
  }
}
