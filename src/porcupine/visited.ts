/**
 * The search's memo of configurations already explored (Lowe's memoization): a set of
 * (linearized-ops bitset, model state id) pairs. Reaching a configuration twice means the second
 * visit cannot succeed where the first failed, so the search skips it.
 *
 * It is an open-addressing hash table over typed arrays, so a lookup allocates nothing: each entry
 * stores the bitset's Zobrist hash, the state id and a copy of the bitset words in one pool.
 */

/** Below this many entries a full table grows ×4, from it on ×2. */
const QUADRUPLE_BELOW = 1 << 16;

/** Set of (bitset, state) configurations, for bitsets of a fixed number of 32-bit words. */
export class VisitedSet {
  /** Entries stored. */
  size = 0;
  private readonly words: number;
  private pool: Uint32Array;
  private hashes: Int32Array;
  private states: Int32Array;
  /** Open-addressing slots holding entry + 1 (0 = empty). */
  private slots: Int32Array;
  private mask: number;

  constructor(words: number) {
    this.words = words;
    const cap = 1024;
    this.pool = new Uint32Array(cap * words);
    this.hashes = new Int32Array(cap);
    this.states = new Int32Array(cap);
    this.slots = new Int32Array(cap * 2);
    this.mask = cap * 2 - 1;
  }

  /** Bytes its typed arrays hold (entries, bitset copies and slots), allocated capacity included. */
  get bytes(): number {
    return this.pool.byteLength + this.hashes.byteLength + this.states.byteLength + this.slots.byteLength;
  }

  private static slotOf(hash: number, state: number): number {
    return Math.imul(hash ^ Math.imul(state + 1, 0x9e3779b1), 0x85ebca6b) ^ (hash >>> 15);
  }

  /**
   * Adds the configuration unless present. Returns true if it was added (first visit), false if
   * it was already there.
   */
  add(bits: Uint32Array, hash: number, state: number): boolean {
    const words = this.words;
    const slots = this.slots;
    const mask = this.mask;
    let s = VisitedSet.slotOf(hash, state) & mask;
    for (;;) {
      const k = slots[s];
      if (k === 0) break;
      const e = k - 1;
      if (this.hashes[e] === hash && this.states[e] === state) {
        const base = e * words;
        let w = 0;
        while (w < words && this.pool[base + w] === bits[w]) w++;
        if (w === words) return false;
      }
      s = (s + 1) & mask;
    }
    const e = this.size++;
    if (e === this.hashes.length) {
      this.grow();
      return this.insertNew(bits, hash, state, e);
    }
    slots[s] = e + 1;
    this.store(bits, hash, state, e);
    return true;
  }

  private store(bits: Uint32Array, hash: number, state: number, e: number): void {
    this.hashes[e] = hash;
    this.states[e] = state;
    // a plain loop: `pool.set(bits, …)` costs more than it copies for a few words
    const pool = this.pool;
    const base = e * this.words;
    for (let w = 0; w < this.words; w++) pool[base + w] = bits[w];
  }

  private insertNew(bits: Uint32Array, hash: number, state: number, e: number): boolean {
    this.store(bits, hash, state, e);
    let s = VisitedSet.slotOf(hash, state) & this.mask;
    while (this.slots[s] !== 0) s = (s + 1) & this.mask;
    this.slots[s] = e + 1;
    return true;
  }

  /**
   * Grows the entry capacity and rehashes the slots (load stays at most one half): ×4 while the table
   * is small, ×2 from `QUADRUPLE_BELOW` entries on. Most searches are small and over in milliseconds,
   * often before the JIT has compiled this loop: each rehash skipped there is time saved (kv c50-ok,
   * cold, its ten searches: median 61 → 50 ms in 9 runs each). A large table doubles, so its memory stays
   * within 2× of what it holds.
   */
  private grow(): void {
    const cap = this.hashes.length * (this.hashes.length < QUADRUPLE_BELOW ? 4 : 2);
    const pool = new Uint32Array(cap * this.words);
    pool.set(this.pool);
    this.pool = pool;
    const hashes = new Int32Array(cap);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const states = new Int32Array(cap);
    states.set(this.states);
    this.states = states;
    this.slots = new Int32Array(cap * 2);
    this.mask = cap * 2 - 1;
    for (let e = 0; e < this.size - 1; e++) {
      let s = VisitedSet.slotOf(this.hashes[e], this.states[e]) & this.mask;
      while (this.slots[s] !== 0) s = (s + 1) & this.mask;
      this.slots[s] = e + 1;
    }
  }
}

/**
 * Zobrist keys for `n` ops: one pseudo-random 32-bit word per op (xorshift32 from a fixed seed, so runs
 * are reproducible), XORed together into the hash of a set of linearized ops.
 */
export function zobristKeys(n: number): Int32Array {
  const keys = new Int32Array(n);
  let x = 0x2545f491 ^ n;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    keys[i] = x;
  }
  return keys;
}
