/**
 * Cycle detection over the whole dependency graph: find the non-trivial strongly connected components,
 * and in each, search for the shortest cycle of every class, most severe first, skipping classes that a
 * cycle already found implies (see `cycle-kinds.ts`). A component always yields at least one cycle: if
 * every class search runs out of budget empty-handed, a plain breadth-first cycle through one of its
 * edges is reported, classified by its edges.
 *
 * Classes whose search ran out of budget in some component without a cycle of that class, or of a class
 * implying it, being found there are reported as `undecided`: such a cycle may exist.
 */
import { cycleClasses, impliedKinds, type CycleClass } from './cycle-kinds.js';
import { shortestCycle, type Walk } from './cycle-search.js';
import { bestOf, plainCycle } from './cycle-walks.js';
import { LEVEL1_BITS, LEVEL2_BITS } from './edge-bits.js';
import type { Graph } from './graph.js';
import type { Arena } from './arena.js';
import { allNodes, components, newScratch, type Scratch } from './scc.js';
import type { CycleKind } from './types.js';

/** One cycle found: a simple cycle with its edge bits, its class and where it came from. */
export interface CycleFinding {
  kind: CycleKind;
  walk: Walk;
  /** True when the search proved it shortest of its class in its component. */
  shortest: boolean;
  componentSize: number;
}

/** Finds cycles in every non-trivial component of `g`, spending at most `budget` relaxations in each. */
export function findCycles(g: Graph, budget: number, arena?: Arena): { findings: CycleFinding[]; undecided: Set<CycleKind>; components: number; largest: number; comps: Int32Array[] } {
  const s = newScratch(g.n, arena);
  let all = 0;
  for (let i = 0; i < g.masks.length; i++) all |= g.masks[i];
  const classes = cycleClasses().filter((c) => c.level === 0 || (all & (c.level === 1 ? LEVEL1_BITS : LEVEL2_BITS)) !== 0);
  const comps = components(g, all, allNodes(g.n, arena), s, arena);
  const findings: CycleFinding[] = [];
  const undecided = new Set<CycleKind>();
  let largest = 0;
  for (const comp of comps) {
    largest = Math.max(largest, comp.length);
    const here = searchComponent(g, comp, classes, s, budget);
    findings.push(...here.findings);
    for (const k of here.undecided) undecided.add(k);
  }
  return { findings, undecided, components: comps.length, largest, comps };
}

function searchComponent(g: Graph, comp: Int32Array, classes: CycleClass[], s: Scratch, budget: number) {
  const findings: CycleFinding[] = [];
  const covered = new Set<CycleKind>();
  const open = new Set<CycleKind>();
  let left = budget;
  for (const c of classes) {
    if (covered.has(c.kind)) continue;
    if (left <= 0) {
      open.add(c.kind);
      continue;
    }
    const r = shortestCycle(g, c, comp, s, left);
    left -= r.spent;
    if (!r.complete) open.add(c.kind);
    if (!r.walk) continue;
    const { kind, walk } = bestOf(r.walk);
    if (kind !== c.kind && !impliedKinds(kind).has(c.kind)) open.add(c.kind);
    if (covered.has(kind)) continue;
    findings.push({ kind, walk, shortest: r.complete && kind === c.kind, componentSize: comp.length });
    covered.add(kind);
    for (const k of impliedKinds(kind)) covered.add(k);
  }
  if (findings.length === 0) {
    const { kind, walk } = bestOf(plainCycle(g, comp, s));
    findings.push({ kind, walk, shortest: false, componentSize: comp.length });
    covered.add(kind);
    for (const k of impliedKinds(kind)) covered.add(k);
  }
  return { findings, undecided: [...open].filter((k) => !covered.has(k)) };
}
