/**
 * Finding a cycle in a graph given by predecessor lists, by an iterative depth-first search that
 * follows predecessors: reaching a node that is still on the stack closes a cycle. Used for CyclicCF
 * (po ∪ rf ∪ cf over the whole history) and CyclicHB (po ∪ rf ∪ hb within one reach class of one
 * process, see `memory.ts`). Colours live in a typed array for whole-history searches and in a Map
 * for small subgraphs.
 */
import type { EdgeLabel } from './types.js';

/** A graph by predecessors: `pred(v, i)` for i < `degree(v)` (-1: no edge), with each edge's label. */
export interface PredGraph {
  degree(v: number): number;
  pred(v: number, i: number): number;
  label(v: number, i: number): EdgeLabel;
}

/** A cycle: `ops[i] → ops[i+1]` (and the last → the first) labelled `labels[i]`. */
export interface Cycle {
  ops: number[];
  labels: EdgeLabel[];
}

/** Colour storage: 0 unvisited, 1 on the stack, 2 done. */
export interface Colours {
  get(v: number): number;
  set(v: number, c: number): void;
}

/** Dense colours for n nodes. */
export function denseColours(n: number): Colours {
  const a = new Uint8Array(n);
  return { get: (v) => a[v], set: (v, c) => void (a[v] = c) };
}

/** Sparse colours (a Map), for small subgraphs of a large history. */
export function sparseColours(): Colours {
  const m = new Map<number, number>();
  return { get: (v) => m.get(v) ?? 0, set: (v, c) => void m.set(v, c) };
}

/**
 * The first cycle found searching backwards from `starts`, through nodes `include` accepts, or
 * undefined if none is reachable that way.
 */
export function findCycle(g: PredGraph, starts: Iterable<number>, colours: Colours, include: (v: number) => boolean = () => true): Cycle | undefined {
  const stack: number[] = [];
  const next: number[] = [];
  // into[j]: label of the edge stack[j] → stack[j-1] (stack[j] is a predecessor of stack[j-1]).
  const into: EdgeLabel[] = [];
  for (const s of starts) {
    if (colours.get(s) !== 0 || !include(s)) continue;
    colours.set(s, 1);
    stack.push(s);
    next.push(0);
    into.push('po');
    while (stack.length > 0) {
      const top = stack.length - 1;
      const u = stack[top];
      const i = next[top]++;
      if (i >= g.degree(u)) {
        colours.set(u, 2);
        stack.pop();
        next.pop();
        into.pop();
        continue;
      }
      const v = g.pred(u, i);
      if (v < 0 || !include(v)) continue;
      const c = colours.get(v);
      if (c === 2) continue;
      if (c === 1) {
        const at = stack.lastIndexOf(v);
        // v → u, then down the stack back to v.
        const ops = [v];
        const labels: EdgeLabel[] = [g.label(u, i)];
        for (let j = top; j > at; j--) {
          ops.push(stack[j]);
          labels.push(into[j]);
        }
        return { ops, labels };
      }
      colours.set(v, 1);
      stack.push(v);
      next.push(0);
      into.push(g.label(u, i));
    }
  }
  return undefined;
}
