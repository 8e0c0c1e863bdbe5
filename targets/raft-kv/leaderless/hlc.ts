/**
 * Hybrid logical clocks (Kulkarni, Demirbas et al., "Logical Physical Clocks", OPODIS 2014) and the
 * timestamps the leaderless mode orders versions by.
 *
 * A clock is `(l, c)`: `l` the largest wall-clock reading (ms) seen so far, here or in any message,
 * `c` a counter that orders events sharing one `l`. A local event sets `l` to max(l, wall) and bumps
 * `c` when `l` did not move; receiving a timestamp also takes the max with the sender's `l`. So a
 * node's timestamps strictly increase whatever its wall clock does (a clock set back leaves `l`
 * where it was), every timestamp exceeds those of the events it causally follows, and `l` stays
 * within the largest clock offset of true time. A timestamp adds the node's name, which breaks ties
 * between nodes, so timestamps are totally ordered.
 *
 * `wallTick` is the `lww-clock=wall` fault switch: the timestamp is the wall-clock reading itself
 * (the counter only separates events within one millisecond), with no max over what was seen, so a
 * clock set back stamps a later event older than an earlier one.
 */

/** A clock's state. */
export interface Hlc {
  l: number;
  c: number;
}

/** A version's timestamp: an HLC reading (or wall-clock reading) and the node that made it. */
export interface Timestamp extends Hlc {
  node: string;
}

/** The clock before any event. */
export const ZERO_HLC: Hlc = { l: 0, c: 0 };

/** Orders timestamps by `l`, then `c`, then node name; 0 only for equal timestamps. */
export function compareTs(a: Timestamp, b: Timestamp): number {
  if (a.l !== b.l) return a.l < b.l ? -1 : 1;
  if (a.c !== b.c) return a.c < b.c ? -1 : 1;
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}

/** The clock after a local event at wall-clock time `wall`. */
export function hlcTick(clock: Hlc, wall: number): Hlc {
  const l = Math.max(clock.l, wall);
  return { l, c: l === clock.l ? clock.c + 1 : 0 };
}

/** The clock after receiving a message stamped `remote`, at wall-clock time `wall`. */
export function hlcReceive(clock: Hlc, remote: Hlc, wall: number): Hlc {
  const l = Math.max(clock.l, remote.l, wall);
  let c = 0;
  if (l === clock.l && l === remote.l) c = Math.max(clock.c, remote.c) + 1;
  else if (l === clock.l) c = clock.c + 1;
  else if (l === remote.l) c = remote.c + 1;
  return { l, c };
}

/** `lww-clock=wall`: the clock after a local event is the wall-clock reading (see the module comment). */
export function wallTick(clock: Hlc, wall: number): Hlc {
  return { l: wall, c: wall === clock.l ? clock.c + 1 : 0 };
}

/** The larger of two clocks (by `l`, then `c`). */
export function maxHlc(a: Hlc, b: Hlc): Hlc {
  return a.l > b.l || (a.l === b.l && a.c >= b.c) ? a : b;
}
