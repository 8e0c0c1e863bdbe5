/**
 * CyclicHB: a cycle of one process's happens-before relation (see `memory.ts`), searched among the
 * hb edges whose ends share a reach label.
 */
import type { Clocks } from './clocks.js';
import { denseColours, findCycle, type PredGraph } from './cycles.js';
import { edge, type Found } from './found.js';
import type { Prepared } from './history.js';
import type { EdgeLabel, Pattern } from './types.js';

/**
 * Looks for an hb_p cycle among the hb edges whose ends share a label (see the header). The ops
 * between two hb edges of a cycle are joined by co, so within one label class the search runs over
 * the hb edges' ends only, joined by their hb edges and by co (one clock query per pair of ends).
 * co only goes forwards in the topological order `rank`, so a cycle has an hb edge that goes
 * backwards in it: classes without one are skipped.
 */
export function findHbCycle(h: Prepared, clocks: Clocks, rank: Int32Array, p: number, hbFrom: number[], hbTo: number[], reachOf: (u: number) => number, found: Found<Pattern>): void {
  const classes = new Map<number, number[]>();
  const backwards = new Set<number>();
  for (let i = 0; i < hbFrom.length; i++) {
    const rho = reachOf(hbFrom[i]);
    if (rho !== reachOf(hbTo[i])) continue;
    let list = classes.get(rho);
    if (!list) classes.set(rho, (list = []));
    list.push(i);
    if (rank[hbTo[i]] < rank[hbFrom[i]]) backwards.add(rho);
  }
  for (const rho of backwards) {
    const edges = classes.get(rho)!;
    const nodes = [...new Set(edges.flatMap((i) => [hbFrom[i], hbTo[i]]))];
    const index = new Map(nodes.map((u, i) => [u, i]));
    const preds: number[][] = nodes.map(() => []);
    const labels: EdgeLabel[][] = nodes.map(() => []);
    for (const i of edges) {
      const t = index.get(hbTo[i])!;
      preds[t].push(index.get(hbFrom[i])!);
      labels[t].push('hb');
    }
    for (let a = 0; a < nodes.length; a++) {
      for (let b = 0; b < nodes.length; b++) {
        if (a !== b && rank[nodes[a]] < rank[nodes[b]] && clocks.knows(nodes[b], nodes[a])) {
          preds[b].push(a);
          labels[b].push('co');
        }
      }
    }
    const graph: PredGraph = { degree: (v) => preds[v].length, pred: (v, i) => preds[v][i], label: (v, i) => labels[v][i] };
    const cycle = findCycle(graph, nodes.keys(), denseColours(nodes.length));
    if (!cycle) continue;
    const ops = cycle.ops.map((i) => nodes[i]);
    const out = ops.map((a, i) => edge(h, a, ops[(i + 1) % ops.length], cycle.labels[i]));
    // The key, if the cycle's hb edges all order writes of one key.
    const keys = new Set(ops.filter((_, i) => cycle.labels[i] === 'hb').map((a) => h.keys[h.key[a]]));
    found.add('CyclicHB', () => ({
      ops: [...new Set(out.map((e) => e.from))],
      edges: out,
      ...(keys.size === 1 ? { key: [...keys][0] } : {}),
      process: h.processIds[p],
    }));
    return;
  }
}
