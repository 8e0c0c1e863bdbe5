/**
 * The partitioned kv model compiled to an integer state machine (`Model.compile`), for one key's
 * operations. A state is an id into typed arrays (hash, length) plus the value string; a step is
 * a few array reads:
 * - a get compares length and hash with the output's (precomputed per op) and only on a match
 *   compares the strings, so a get that does not match never flattens the state's rope;
 * - an append computes the new value's hash and length from the state's and the op's, looks them
 *   up in an open-addressing table of the states, and only then builds the string (`a + b`, a
 *   rope) to confirm a candidate or to add a new state.
 * Nothing else is allocated per step: no `[ok, state]` tuples, cells, `Map` entries or boxed hashes.
 * Distinct values always get distinct ids (the strings are compared); equal values get equal ids.
 */
import type { CompiledModel, RealTimeOrder } from '../types.js';
import { BASE, basePow, stringHash } from './string-hash.js';

const GET_ANY = 0;
const GET = 1;
const GET_NEVER = 2;
const PUT = 3;
const APPEND = 4;

interface KvOp {
  op: string;
  value?: unknown;
}

/** Compiles one partition's kv operations, or returns undefined if some op is not a plain get/put/append. */
export function compileKv(inputs: readonly KvOp[], outputs: readonly unknown[], order: RealTimeOrder): CompiledModel | undefined {
  const n = inputs.length;
  const kind = new Uint8Array(n);
  const opHash = new Int32Array(n);
  const opLen = new Int32Array(n);
  const opPow = new Int32Array(n);
  const opStr: string[] = new Array<string>(n).fill('');
  for (let i = 0; i < n; i++) {
    const input = inputs[i];
    let s: string;
    if (input.op === 'get') {
      const out = outputs[i];
      if (out === undefined) {
        kind[i] = GET_ANY;
        continue;
      }
      if (typeof out !== 'string') {
        kind[i] = GET_NEVER;
        continue;
      }
      kind[i] = GET;
      s = out;
    } else if ((input.op === 'put' || input.op === 'append') && typeof input.value === 'string') {
      kind[i] = input.op === 'put' ? PUT : APPEND;
      s = input.value;
    } else {
      return undefined;
    }
    opStr[i] = s;
    opHash[i] = stringHash(s);
    opLen[i] = s.length;
    opPow[i] = basePow(s.length);
  }
  // For `never`: the puts by call position.
  const putList: number[] = [];
  for (let i = 0; i < n; i++) if (kind[i] === PUT) putList.push(i);
  const puts = Int32Array.from(putList.sort((a, b) => order.callAt[a] - order.callAt[b]));
  return new KvMachine(kind, opHash, opLen, opPow, opStr, puts, order.callAt, order.returnAt);
}

/** The hashes of every prefix of `s` (`[0]` is the empty prefix's): what `never` compares a state with. */
function prefixHashesOf(s: string): Int32Array {
  const ph = new Int32Array(s.length + 1);
  for (let j = 0; j < s.length; j++) ph[j + 1] = (Math.imul(ph[j], BASE) + s.charCodeAt(j)) | 0;
  return ph;
}

class KvMachine implements CompiledModel {
  readonly init = 0;
  private count = 1;
  private hashes = new Int32Array(1024);
  private lengths = new Int32Array(1024);
  private values: string[] = [''];
  /** Open-addressing slots holding id + 1 (0 = empty); load at most one half. */
  private slots = new Int32Array(2048);
  private mask = 2047;
  /**
   * Per known get, its output's prefix hashes, computed when `never` first asks about it: a get's
   * output holds every value appended before it, and hashing all of them up front was a fifth of a
   * cold check of Porcupine's c50 files, for gets `never` mostly never asks about.
   */
  private readonly prefixHashes: (Int32Array | undefined)[];

  constructor(
    private readonly kind: Uint8Array,
    private readonly opHash: Int32Array,
    private readonly opLen: Int32Array,
    private readonly opPow: Int32Array,
    private readonly opStr: string[],
    private readonly puts: Int32Array,
    private readonly callAt: Int32Array,
    private readonly returnAt: Int32Array,
  ) {
    this.prefixHashes = new Array<Int32Array | undefined>(kind.length);
    // state 0 is "" (hash 0, length 0)
    this.slots[KvMachine.slotOf(0, 0) & this.mask] = 1;
  }

  private static slotOf(hash: number, len: number): number {
    const x = Math.imul(hash ^ Math.imul(len, 0x9e3779b1), 0x85ebca6b);
    return x ^ (x >>> 15);
  }

  step(state: number, op: number): number {
    switch (this.kind[op]) {
      case GET_ANY:
        return state;
      case GET:
        if (this.lengths[state] !== this.opLen[op] || this.hashes[state] !== this.opHash[op]) return -1;
        return this.values[state] === this.opStr[op] ? state : -1;
      case GET_NEVER:
        return -1;
      case PUT:
        return this.intern(this.opHash[op], this.opLen[op], -1, op);
      default: {
        const h = (Math.imul(this.hashes[state], this.opPow[op]) + this.opHash[op]) | 0;
        return this.intern(h, this.lengths[state] + this.opLen[op], state, op);
      }
    }
  }

  /**
   * A get illegal in `state` stays illegal if no put can come before it: until the get, only
   * appends (and gets) are linearized, so the value only grows and must already be a prefix of the
   * get's output. A put may come before the get iff it is unlinearized and called before the get
   * returned. "Not a prefix" is decided by length and prefix hash (different hashes mean different
   * strings; equal hashes answer false, which is always safe).
   */
  never(state: number, op: number, linearized: Uint32Array): boolean {
    if (this.kind[op] !== GET) return this.kind[op] === GET_NEVER;
    const ph = (this.prefixHashes[op] ??= prefixHashesOf(this.opStr[op]));
    const { puts, callAt } = this;
    const until = this.returnAt[op];
    for (let i = 0; i < puts.length; i++) {
      const p = puts[i];
      if (callAt[p] > until) break;
      if ((linearized[p >>> 5] & (1 << (p & 31))) === 0) return false;
    }
    const len = this.lengths[state];
    return len >= ph.length || ph[len] !== this.hashes[state];
  }

  /** The id of the value with this hash and length that `state` + op's string (or op's string alone if `state` < 0) spells. */
  private intern(hash: number, len: number, state: number, op: number): number {
    const { slots, mask, hashes, lengths } = this;
    let value: string | undefined;
    let s = KvMachine.slotOf(hash, len) & mask;
    for (;;) {
      const k = slots[s];
      if (k === 0) break;
      const id = k - 1;
      if (hashes[id] === hash && lengths[id] === len) {
        value ??= state < 0 ? this.opStr[op] : this.values[state] + this.opStr[op];
        if (this.values[id] === value) return id;
      }
      s = (s + 1) & mask;
    }
    value ??= state < 0 ? this.opStr[op] : this.values[state] + this.opStr[op];
    const id = this.count++;
    if (id === hashes.length) {
      this.grow();
      this.place(hash, len, id);
    } else {
      slots[s] = id + 1;
    }
    this.hashes[id] = hash;
    this.lengths[id] = len;
    this.values.push(value);
    return id;
  }

  private place(hash: number, len: number, id: number): void {
    let s = KvMachine.slotOf(hash, len) & this.mask;
    while (this.slots[s] !== 0) s = (s + 1) & this.mask;
    this.slots[s] = id + 1;
  }

  private grow(): void {
    const cap = this.hashes.length * 2;
    const hashes = new Int32Array(cap);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const lengths = new Int32Array(cap);
    lengths.set(this.lengths);
    this.lengths = lengths;
    this.slots = new Int32Array(cap * 2);
    this.mask = cap * 2 - 1;
    for (let id = 0; id < this.count - 1; id++) this.place(this.hashes[id], this.lengths[id], id);
  }
}
