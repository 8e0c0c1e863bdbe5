/**
 * The bad patterns of causal consistency (CC) besides CyclicCO, read by read. For a read r of key x:
 *  - ThinAirRead: r returned a value no write of x wrote;
 *  - WriteCOInitRead: r returned the initial value although a write of x is in its causal past;
 *  - WriteCORead: r reads from w1, and another write w2 of x has w1 in its past and is in r's past
 *    (w1 co w2 co r): r returned a value its own causal past had already overwritten.
 *
 * Why looking at one write per process suffices: a process's writes of x are ordered by po, so the
 * writes of x by process q in r's past are a prefix of q's writes of x, and the last of them, w2_q,
 * is causally after all the others. Some write of q is in r's past (resp. after w1) iff w2_q is.
 * So each read costs one binary search and one clock query per process writing x.
 */
import type { Clocks } from './clocks.js';
import { edge, roles, type Found } from './found.js';
import { INIT, lastWriteBefore, THIN_AIR, writesOf, type Prepared } from './history.js';
import type { Pattern } from './types.js';

/** Finds ThinAirRead, WriteCOInitRead and WriteCORead instances. */
export function findCcPatterns(h: Prepared, clocks: Clocks, found: Found<Pattern>): void {
  const { n, rf, key } = h;
  for (let r = 0; r < n; r++) {
    const w1 = rf[r];
    if (h.isWrite[r]) continue;
    const x = key[r];
    const k = h.keys[x];
    if (w1 === THIN_AIR) {
      found.add('ThinAirRead', () => ({ ops: [h.ids[r]], edges: [], key: k, roles: roles(h, { read: r }) }));
      continue;
    }
    for (const q of h.writers[x]) {
      const w2 = lastWriteBefore(h, q, x, clocks.count(r, q));
      if (w2 < 0 || w2 === w1) continue;
      if (w1 === INIT) {
        // Some write of x is in r's past; report q's first, the one closest to the initial value.
        const first = writesOf(h, q, x)[0];
        found.add('WriteCOInitRead', () => ({
          ops: [h.ids[first], h.ids[r]],
          edges: [edge(h, first, r, 'co')],
          key: k,
          roles: roles(h, { write: first, read: r }),
        }));
        break;
      }
      if (clocks.knows(w2, w1)) {
        found.add('WriteCORead', () => ({
          ops: [h.ids[w1], h.ids[w2], h.ids[r]],
          edges: [edge(h, w1, w2, 'co'), edge(h, w2, r, 'co'), edge(h, w1, r, 'rf')],
          key: k,
          roles: roles(h, { returned: w1, overwriting: w2, read: r }),
        }));
        break;
      }
    }
  }
}
