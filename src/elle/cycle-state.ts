/**
 * The search state of a cycle class (see `cycle-search.ts`): three bits recording what acceptance
 * depends on — whether an edge of the required level was taken (LV), whether a second `rw` edge was
 * (C2; the anchor is the first), and whether the last edge was `rw` (LAST).
 */
import type { CycleClass } from './cycle-kinds.js';
import { levelOf, RW_BITS } from './edge-bits.js';

/** State bit: an edge of the class's required level was taken. */
export const LV = 1;
/** State bit: a second rw edge was taken. */
export const C2 = 2;
/** State bit: the last edge taken was rw. */
export const LAST = 4;
/** Number of states. */
export const K = 8;

/** The state after taking an edge as `bit`, or -1 if the class cannot take it. */
export function step(c: CycleClass, st: number, bit: number): number {
  let s = st;
  if (bit & RW_BITS) {
    if (c.rw === 'none' || c.rw === 'one') return -1;
    if (c.rw === 'nonadjacent') {
      if (s & LAST) return -1;
      s |= C2 | LAST;
    }
  } else s &= ~LAST;
  if (c.level > 0 && levelOf(bit) === c.level) s |= LV;
  return s;
}

/** True when a closed walk ending in state `st` is a cycle of the class. */
export function accepts(c: CycleClass, st: number): boolean {
  if (c.level > 0 && !(st & LV)) return false;
  if (c.rw === 'nonadjacent') return (st & C2) !== 0 && (st & LAST) === 0;
  return true;
}

/** The fewest edges a cycle of the class can have. */
export function minLength(c: CycleClass): number {
  return c.rw === 'nonadjacent' ? 4 : 2;
}
