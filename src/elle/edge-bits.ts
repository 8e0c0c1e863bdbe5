/**
 * The kinds of dependency edge between transactions, as bits of a mask (one mask per ordered pair).
 *
 * Adya's direct dependencies, read off what the history shows:
 *  - `ww` T1 installed a version of some key and T2 installed a later one;
 *  - `wr` T2 read a version T1 installed;
 *  - `rw` T1 read a version of some key and T2 installed a later one (an anti-dependency).
 * Orders of the history itself:
 *  - `process`  T1 and T2 ran on the same process, T1 first;
 *  - `realtime` T1 completed before T2 was invoked.
 *
 * An inferred `ww`/`rw` edge may stand for a path of the true dependency graph: `ww` for ww…ww and `rw`
 * for rw ww…ww, when versions between the two are unknown. Expanding such paths keeps a cycle's number
 * of `rw` edges, so its class (G0, G1c, G-single, G2-item) is unchanged; only two `rw` edges that look
 * adjacent may in truth be separated, so a G2-item may really be a G-nonadjacent (a special case of it).
 *
 * Some ww/rw edges rest on an assumption about the system, and carry it in their bit:
 *  - `-fr` (rw-register, writes follow reads): T read v1 and then wrote v2 of one key, so v1 < v2. If
 *    instead v2 < v1, the writer of v1 both follows T (ww…ww) and precedes it (wr): a G1c. So a cycle
 *    using such an edge proves read committed and everything stronger violated, whichever case holds;
 *    only the G0 claim (read uncommitted) would be too strong, so these edges count as `wr` for
 *    telling G0 from G1c (`g1` below).
 *  - `-p` (process order taken as version order, i.e. each key sequentially consistent) and `-rt` (real
 *    time taken as version order, i.e. each key linearizable). Strong session serializability implies
 *    the first assumption, strict serializability the second. A cycle using such an edge therefore
 *    proves that model violated whether or not the assumption holds, and no more: its level (1 or 2)
 *    counts like a process or real-time edge, giving the cycle the `-process` or `-realtime` suffix.
 */

/** Edge bits. */
export const Bit = {
  ww: 1 << 0,
  wr: 1 << 1,
  rw: 1 << 2,
  process: 1 << 3,
  realtime: 1 << 4,
  wwFr: 1 << 5,
  rwFr: 1 << 6,
  wwP: 1 << 7,
  rwP: 1 << 8,
  wwRt: 1 << 9,
  rwRt: 1 << 10,
} as const;

/** Number of distinct bits. */
export const BIT_COUNT = 11;

/** Bits that are anti-dependencies. */
export const RW_BITS = Bit.rw | Bit.rwFr | Bit.rwP | Bit.rwRt;
/** Bits that make a cycle at least G1c rather than G0. */
export const G1_BITS = Bit.wr | Bit.wwFr;
/** Bits of level 1 (process order, or an assumption strong session serializability implies). */
export const LEVEL1_BITS = Bit.process | Bit.wwP | Bit.rwP;
/** Bits of level 2 (real time, or an assumption strict serializability implies). */
export const LEVEL2_BITS = Bit.realtime | Bit.wwRt | Bit.rwRt;
/** Bits of level 0: data dependencies read off the history. */
export const LEVEL0_BITS = Bit.ww | Bit.wr | Bit.rw | Bit.wwFr | Bit.rwFr;

/** The level of a single bit: 0 data, 1 process, 2 real time. */
export function levelOf(bit: number): 0 | 1 | 2 {
  return bit & LEVEL2_BITS ? 2 : bit & LEVEL1_BITS ? 1 : 0;
}

const LABELS: Record<number, string> = {
  [Bit.ww]: 'ww',
  [Bit.wr]: 'wr',
  [Bit.rw]: 'rw',
  [Bit.process]: 'process',
  [Bit.realtime]: 'realtime',
  [Bit.wwFr]: 'ww',
  [Bit.rwFr]: 'rw',
  [Bit.wwP]: 'ww',
  [Bit.rwP]: 'rw',
  [Bit.wwRt]: 'ww',
  [Bit.rwRt]: 'rw',
};

/** The short label of a single bit (`ww`, `wr`, `rw`, `process`, `realtime`). */
export function labelOf(bit: number): string {
  return LABELS[bit] ?? '?';
}

/** The single bits set in `mask`, lowest first. */
export function bitsOf(mask: number): number[] {
  const out: number[] = [];
  for (let b = 1; b <= mask; b <<= 1) if (mask & b) out.push(b);
  return out;
}
