/**
 * The bad patterns of causal consistency (CC) besides CyclicCO, the cf edges of causal convergence,
 * and which reads are stale, all decided read by read during the clock sweep (`computeClocks`), where
 * the read's clock and the clock of the write it read are both at hand. For a read r of key x
 * returning w1:
 *  - ThinAirRead: r returned a value no write of x wrote (found before the sweep, `check.ts`);
 *  - WriteCOInitRead: r returned the initial value although a write of x is in its causal past;
 *  - WriteCORead: another write w2 of x has w1 in its past and is in r's past (w1 co w2 co r): r
 *    returned a value its own causal past had already overwritten;
 *  - cf edge w2 → w1 (`conflict.ts`): w2, another write of x in r's past, is not in w1's past;
 *  - r is stale (`session.ts`) if it is a WriteCOInitRead or a WriteCORead.
 *
 * Why looking at one write per process suffices: a process's writes of x are ordered by po, so the
 * writes of x by process q in r's past are a prefix of q's writes of x, and the last of them, w2_q,
 * is causally after all the others. Some write of q is in r's past (resp. after w1) iff w2_q is, and
 * a cf edge from w2_q implies (with po) the edges from q's earlier writes. And w2_q can be outside
 * w1's past only if r's clock counts more of q's ops than w1's does: for most processes two clock
 * lookups settle it, and a further query is needed only for a write of x outside w1's past.
 */
import type { Clock, Clocks } from './clocks.js';
import type { ConflictEdges } from './conflict.js';
import { edge, roles, type Found } from './found.js';
import { INIT, lastBefore, type Prepared } from './history.js';
import type { Pattern } from './types.js';

/** The per-read checks, as a visitor of `computeClocks`. */
export class ReadScan {
  /** The cf edges (collected only when asked for). */
  readonly cf: ConflictEdges = { from: [], to: [], read: [] };
  /** Per op: 1 if it is a stale read. */
  readonly stale: Uint8Array;

  constructor(
    private readonly h: Prepared,
    /** Where to report patterns, if anywhere. */
    private readonly found: Found<Pattern> | undefined,
    private readonly conflicts: boolean,
  ) {
    this.stale = new Uint8Array(h.n);
  }

  /** The visitor (see `ReadVisitor`). */
  readonly visit = (r: number, clock: Clock, source: Clock, clocks: Clocks): void => {
    const h = this.h;
    const p = h.proc[r];
    const x = h.key[r];
    const w1 = h.rf[r];
    const { column } = clocks;
    // The same clock object means the same counts: then only r's own process can know more than w1.
    const same = w1 !== INIT && clock === source;
    for (let slot = h.keySlots[x], end = h.keySlots[x + 1]; slot < end; slot++) {
      const q = h.slotProc[slot];
      if (same && q !== p) continue;
      const c = column[q];
      // How many of q's ops are in r's past, and in w1's.
      const inR = q === p ? h.pos[r] : c < 0 ? 0 : clocks.at(clock, c);
      const inW1 = w1 === INIT ? 0 : h.proc[w1] === q ? h.pos[w1] + 1 : c < 0 ? 0 : clocks.at(source, c);
      if (inR <= inW1) continue;
      const w2 = lastBefore(h, slot, inR);
      if (w2 < 0 || h.pos[w2] < inW1 || w2 === w1) continue;
      if (w1 === INIT) {
        this.stale[r] = 1;
        const first = h.slotWrites[h.slotStart[slot]];
        this.found?.add('WriteCOInitRead', () => ({
          ops: [h.ids[first], h.ids[r]],
          edges: [edge(h, first, r, 'co')],
          key: h.keys[x],
          roles: roles(h, { write: first, read: r }),
        }));
        return;
      }
      if (clocks.knows(w2, w1)) {
        this.stale[r] = 1;
        this.found?.add('WriteCORead', () => ({
          ops: [h.ids[w1], h.ids[w2], h.ids[r]],
          edges: [edge(h, w1, w2, 'co'), edge(h, w2, r, 'co'), edge(h, w1, r, 'rf')],
          key: h.keys[x],
          roles: roles(h, { returned: w1, overwriting: w2, read: r }),
        }));
        return;
      }
      if (this.conflicts) {
        this.cf.from.push(w2);
        this.cf.to.push(w1);
        this.cf.read.push(r);
      }
    }
  };
}
