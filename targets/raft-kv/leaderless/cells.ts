/**
 * The replicated state of the leaderless mode and its merge. Every key holds versioned cells; a cell
 * is a value with the timestamp of the event that wrote it, and of two versions of one cell the one
 * with the larger timestamp wins (ties, possible only under `lww-clock=wall`, go to the larger JSON
 * text, so that merging stays commutative). A key has:
 *
 * - `reg`: one cell shared by every node — a last-writer-wins register;
 * - `set`: one cell per origin node, holding the elements added at that node (sorted, distinct); the
 *   set is the union of the cells. Only that node writes its cell, each version a superset of the one
 *   before, stamped by its hybrid logical clock, whose timestamps strictly increase: so the newest
 *   version is the largest, and merging is the union of all adds — a grow-only set (G-Set). With only
 *   `add` and no remove, a G-Set is exactly what an add-wins OR-Set reduces to, without its tags;
 * - `ctr`: one cell per origin node holding that node's increments and decrements `{p, n}`; the value
 *   is the sum of p − n over the cells — a PN-Counter, each node's entry growing, newest largest.
 *
 * Merging per cell by a total order is the join of a semilattice, hence commutative, associative and
 * idempotent, and replicas that have merged the same cells hold the same state. What the clock adds:
 * under the HLC "newest" is "latest", so no acknowledged add or increment is ever lost; under
 * `lww-clock=wall` a node whose clock went back stamps a larger version older than a smaller one, and
 * merges drop it (and a register write acknowledged later loses to an earlier one).
 *
 * A key holds one kind; should concurrent ops on different nodes give it several, it reads as its set,
 * else its counter, else its register.
 */
import { unionElements } from '../kv/set-elements.js';
import { compareTs, type Timestamp } from './hlc.js';

/** A versioned value. */
export interface Cell<T = unknown> {
  ts: Timestamp;
  value: T;
}

/** One node's increments (`p`) and decrements (`n`) of a counter. */
export interface Counts {
  p: number;
  n: number;
}

/** Everything one key holds (see the module comment). */
export interface KeyState {
  reg?: Cell;
  set?: Record<string, Cell<unknown[]>>;
  ctr?: Record<string, Cell<Counts>>;
}

/** A replica's keys. */
export type Store = Record<string, KeyState>;

/** Orders two versions of a cell: by timestamp, then by JSON text. */
export function compareCells(a: Cell, b: Cell): number {
  const t = compareTs(a.ts, b.ts);
  if (t !== 0) return t;
  const x = JSON.stringify(a.value);
  const y = JSON.stringify(b.value);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The winning version of two (either may be absent). */
export function newerCell<T>(a: Cell<T> | undefined, b: Cell<T> | undefined): Cell<T> | undefined {
  if (!a) return b;
  if (!b) return a;
  return compareCells(a, b) >= 0 ? a : b;
}

function mergeSlots<T>(a: Record<string, Cell<T>> | undefined, b: Record<string, Cell<T>> | undefined): Record<string, Cell<T>> | undefined {
  if (!a) return b;
  if (!b) return a;
  const out: Record<string, Cell<T>> = { ...a };
  for (const [node, cell] of Object.entries(b)) out[node] = newerCell(out[node], cell)!;
  return out;
}

/** Merges two states of one key. */
export function mergeKey(a: KeyState, b: KeyState): KeyState {
  const out: KeyState = {};
  const reg = newerCell(a.reg, b.reg);
  const set = mergeSlots(a.set, b.set);
  const ctr = mergeSlots(a.ctr, b.ctr);
  if (reg) out.reg = reg;
  if (set) out.set = set;
  if (ctr) out.ctr = ctr;
  return out;
}

/** Merges two stores key by key. */
export function mergeStores(a: Store, b: Store): Store {
  const out: Store = { ...a };
  for (const [key, k] of Object.entries(b)) out[key] = out[key] ? mergeKey(out[key], k) : k;
  return out;
}

/** What a read of the key returns: a set's sorted elements, a counter's sum, a register's value, or null. */
export function readKey(k: KeyState | undefined): unknown {
  if (!k) return null;
  if (k.set) return Object.values(k.set).reduce<unknown[]>((acc, c) => unionElements(acc, c.value), []);
  if (k.ctr) return Object.values(k.ctr).reduce((sum, c) => sum + c.value.p - c.value.n, 0);
  return k.reg ? k.reg.value : null;
}

/** The kind a key holds (same precedence as `readKey`). */
export function kindOf(k: KeyState | undefined): 'set' | 'counter' | 'register' | undefined {
  if (!k) return undefined;
  return k.set ? 'set' : k.ctr ? 'counter' : k.reg ? 'register' : undefined;
}

/** A key's state as JSON with its cells in a fixed order: equal states give equal text. */
export function canonicalKey(k: KeyState): string {
  const cell = (c: Cell) => [c.ts.l, c.ts.c, c.ts.node, c.value];
  const slots = <T>(r: Record<string, Cell<T>> | undefined) => (r ? Object.keys(r).sort().map((n) => [n, cell(r[n])]) : null);
  return JSON.stringify([k.reg ? cell(k.reg) : null, slots(k.set), slots(k.ctr)]);
}
