/**
 * Classes of dependency cycle (Adya's phenomena, as Elle refines them), how a found cycle is classified,
 * and which classes imply which.
 *
 * A cycle is classified by its edges alone:
 *  - no anti-dependency (`rw`) edge: G0 if every edge is a write dependency, else G1c (some `wr`);
 *  - exactly one `rw` edge: G-single (Adya's single anti-dependency cycle);
 *  - two or more, no two of them consecutive (cyclically): G-nonadjacent (forbidden by snapshot isolation);
 *  - two or more with two consecutive: G2-item.
 * and given the suffix `-realtime` if it uses a level-2 edge (real time, or a version order inferred
 * from it), else `-process` if it uses a level-1 edge. Every edge of the cycle is a true relation (or
 * stands for a true path, see `edge-bits.ts`), so the cycle is a witness that the class occurs.
 *
 * Implications (used to skip searches): a cycle of one class is also a (trivial) instance of another,
 * e.g. every G0 is a G1c in Adya's sense (G1 includes G0 cycles), and a cycle without process edges is
 * trivially a `-process` cycle (its models are stronger). G-single is G-nonadjacent with one `rw` edge,
 * and G-nonadjacent is a G2-item. So once a component has a cycle of class C, searching it for a class C
 * implies can only find a less informative witness.
 */
import { bitsOf, G1_BITS, LEVEL0_BITS, LEVEL1_BITS, LEVEL2_BITS, levelOf, RW_BITS } from './edge-bits.js';
import { CYCLE_KINDS, type AnomalyKind, type CycleKind } from './types.js';

const BASES = ['G0', 'G1c', 'G-single', 'G-nonadjacent', 'G2-item'] as const;
type Base = (typeof BASES)[number];
const SUFFIX = ['', '-process', '-realtime'] as const;

/** The class of a cycle given the bit each of its edges was taken as, in cycle order. */
export function classify(bits: readonly number[]): CycleKind {
  let rw = 0;
  let g1 = false;
  let level = 0;
  let adjacent = false;
  for (let i = 0; i < bits.length; i++) {
    const b = bits[i];
    if (b & RW_BITS) {
      rw++;
      if (bits[(i + 1) % bits.length] & RW_BITS) adjacent = true;
    }
    if (b & G1_BITS) g1 = true;
    level = Math.max(level, levelOf(b));
  }
  const base: Base = rw === 0 ? (g1 ? 'G1c' : 'G0') : rw === 1 ? 'G-single' : adjacent ? 'G2-item' : 'G-nonadjacent';
  return `${base}${SUFFIX[level]}` as CycleKind;
}

/** Rank of a kind: lower is more severe (the search order). */
export function severity(kind: CycleKind): number {
  return CYCLE_KINDS.indexOf(kind);
}

const BASE_IMPLIES: Record<Base, Base[]> = {
  G0: ['G1c'],
  G1c: [],
  'G-single': ['G-nonadjacent'],
  'G-nonadjacent': ['G2-item'],
  'G2-item': [],
};

/** Every class a cycle of class `kind` is also an instance of, `kind` excluded, transitively (none for a kind that is no cycle class). */
export function impliedKinds(kind: AnomalyKind): Set<CycleKind> {
  const out = new Set<CycleKind>();
  if (!(CYCLE_KINDS as readonly string[]).includes(kind)) return out;
  const stack = [kind as CycleKind];
  while (stack.length > 0) {
    const k = stack.pop() as CycleKind;
    const level = k.endsWith('-realtime') ? 2 : k.endsWith('-process') ? 1 : 0;
    const base = k.slice(0, k.length - SUFFIX[level].length) as Base;
    const next: string[] = BASE_IMPLIES[base].map((b) => b + SUFFIX[level]);
    if (level < 2) next.push(base + SUFFIX[level + 1]);
    for (const n of next as CycleKind[]) {
      if (!out.has(n)) {
        out.add(n);
        stack.push(n);
      }
    }
  }
  return out;
}

/** What the search for one class looks for. */
export interface CycleClass {
  kind: CycleKind;
  /** Bits the cycle's edges may be taken as. */
  allowed: number;
  /** Bits the first edge must be taken as (every cycle of the class can be rotated to start so). */
  anchor: number;
  /** Constraint on `rw` edges beyond the anchor. */
  rw: 'none' | 'one' | 'nonadjacent' | 'some';
  /** 1 or 2: at least one edge must be of this level; 0: none required. */
  level: 0 | 1 | 2;
}

/** The search specification of every class, in search (severity) order. */
export function cycleClasses(): CycleClass[] {
  const out: CycleClass[] = [];
  for (const level of [0, 1, 2] as const) {
    const usable = LEVEL0_BITS | (level >= 1 ? LEVEL1_BITS : 0) | (level === 2 ? LEVEL2_BITS : 0);
    const ofLevel = level === 0 ? usable : level === 1 ? LEVEL1_BITS : LEVEL2_BITS;
    const suffix = SUFFIX[level];
    const g0 = usable & ~G1_BITS & ~RW_BITS;
    out.push({ kind: `G0${suffix}` as CycleKind, allowed: g0, anchor: g0 & ofLevel, rw: 'none', level });
    out.push({ kind: `G1c${suffix}` as CycleKind, allowed: usable & ~RW_BITS, anchor: G1_BITS, rw: 'none', level });
    const rwAnchor = usable & RW_BITS;
    out.push({ kind: `G-single${suffix}` as CycleKind, allowed: usable, anchor: rwAnchor, rw: 'one', level });
    out.push({ kind: `G-nonadjacent${suffix}` as CycleKind, allowed: usable, anchor: rwAnchor, rw: 'nonadjacent', level });
    out.push({ kind: `G2-item${suffix}` as CycleKind, allowed: usable, anchor: rwAnchor, rw: 'some', level });
  }
  return out;
}

/** The single bits of `mask` that a class may take an edge as. */
export function usableBits(c: CycleClass, mask: number): number[] {
  return bitsOf(mask & c.allowed);
}
