/**
 * Strongly connected components (Tarjan's algorithm, iterative, in typed arrays) of a graph restricted
 * to a set of nodes and a mask of edge bits. A dependency cycle lies entirely inside one component of
 * any graph that contains all its edges, so the cycle search looks only inside the non-trivial
 * components (two or more transactions; the graph has no self-edges), and a class of cycle that needs
 * edges of a subset of bits can only occur in a non-trivial component of the graph restricted to them.
 */
import type { Arena } from './arena.js';
import type { Graph } from './graph.js';

/** Reusable per-analysis arrays of one slot per transaction. */
export interface Scratch {
  /** Membership tags: a node is in the current subset when `mark[v] === tag`. */
  mark: Int32Array;
  /** Local index of a node within the current subset. */
  local: Int32Array;
  /** Next unused tag. */
  nextTag: number;
}

/** Scratch space for a graph of `n` transactions. */
export function newScratch(n: number, arena?: Arena): Scratch {
  return arena ? { mark: arena.i32(n), local: arena.i32(n), nextTag: 1 } : { mark: new Int32Array(n), local: new Int32Array(n), nextTag: 1 };
}

/** Marks `nodes` as the current subset and numbers them locally; returns the tag. */
export function markSubset(s: Scratch, nodes: Int32Array): number {
  const tag = s.nextTag++;
  for (let i = 0; i < nodes.length; i++) {
    s.mark[nodes[i]] = tag;
    s.local[nodes[i]] = i;
  }
  return tag;
}

/**
 * The non-trivial strongly connected components of `g` restricted to `nodes` and to edges with a bit in
 * `mask`, each as an array of transaction ids.
 */
export function components(g: Graph, mask: number, nodes: Int32Array, s: Scratch, arena?: Arena): Int32Array[] {
  const tag = markSubset(s, nodes);
  const k = nodes.length;
  const i32 = (n: number): Int32Array => (arena ? arena.i32(n) : new Int32Array(n));
  const index = i32(k).fill(-1);
  const low = i32(k);
  const onStack = arena ? arena.u8(k) : new Uint8Array(k);
  const stack = i32(k);
  const callNode = i32(k);
  const callEdge = i32(k);
  let sp = 0;
  let counter = 0;
  const out: Int32Array[] = [];
  for (let root = 0; root < k; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = g.offsets[nodes[root]];
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const v = callNode[depth];
      const gv = nodes[v];
      const end = g.offsets[gv + 1];
      let e = callEdge[depth];
      let descended = false;
      while (e < end) {
        const t = g.targets[e];
        const bits = g.masks[e];
        e++;
        if ((bits & mask) === 0 || s.mark[t] !== tag) continue;
        const w = s.local[t];
        if (index[w] === -1) {
          callEdge[depth] = e;
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          depth++;
          callNode[depth] = w;
          callEdge[depth] = g.offsets[t];
          descended = true;
          break;
        } else if (onStack[w] && index[w] < low[v]) low[v] = index[w];
      }
      if (descended) continue;
      if (low[v] === index[v]) {
        let size = 0;
        while (stack[sp - 1 - size] !== v) size++;
        size++;
        if (size > 1) {
          const comp = new Int32Array(size);
          for (let i = 0; i < size; i++) comp[i] = nodes[stack[sp - size + i]];
          out.push(comp);
        }
        for (let i = 0; i < size; i++) onStack[stack[sp - 1 - i]] = 0;
        sp -= size;
      }
      depth--;
      if (depth >= 0) {
        const p = callNode[depth];
        if (low[v] < low[p]) low[p] = low[v];
      }
    }
  }
  return out;
}

/** All transactions `0..n-1`, for a whole-graph run of `components`. */
export function allNodes(n: number, arena?: Arena): Int32Array {
  const a = arena ? arena.i32(n) : new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}
