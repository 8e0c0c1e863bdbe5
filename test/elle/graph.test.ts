/**
 * The engine's graph pieces: compact rows with merged edge bits, strongly connected components, and
 * the real-time frontier (whose edges, closed transitively, are exactly "completed before invoked").
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Arena } from '../../src/elle/arena.js';
import { Bit } from '../../src/elle/edge-bits.js';
import { edgeMask, GraphBuilder } from '../../src/elle/graph.js';
import { addProcessEdges, addRealtimeEdges } from '../../src/elle/order-edges.js';
import { allNodes, components, newScratch } from '../../src/elle/scc.js';
import { TxnStatus, type Txns } from '../../src/elle/types.js';

function graph(n: number, edges: [number, number, number][]) {
  const b = new GraphBuilder(n, 16, new Arena(1024));
  for (const [a, c, bit] of edges) b.add(a, c, bit);
  return b.freeze();
}

describe('GraphBuilder', () => {
  it('merges the bits of repeated edges and drops self-edges', () => {
    const g = graph(3, [[0, 1, Bit.ww], [0, 1, Bit.rw], [1, 1, Bit.wr], [2, 0, Bit.wr], [0, 2, Bit.realtime]]);
    expect(edgeMask(g, 0, 1)).toBe(Bit.ww | Bit.rw);
    expect(edgeMask(g, 1, 1)).toBe(0);
    expect(edgeMask(g, 2, 0)).toBe(Bit.wr);
    expect(edgeMask(g, 1, 0)).toBe(0);
    expect(g.targets.length).toBe(3);
  });
});

describe('components', () => {
  it('finds the non-trivial components of the graph restricted to some bits', () => {
    const g = graph(6, [[0, 1, Bit.ww], [1, 2, Bit.rw], [2, 0, Bit.wr], [3, 4, Bit.ww], [4, 3, Bit.realtime], [4, 5, Bit.ww]]);
    const sorted = (cs: Int32Array[]) => cs.map((c) => [...c].sort()).sort();
    expect(sorted(components(g, 0xffff, allNodes(6), newScratch(6)))).toEqual([[0, 1, 2], [3, 4]]);
    expect(sorted(components(g, Bit.ww | Bit.wr, allNodes(6), newScratch(6)))).toEqual([]);
    expect(sorted(components(g, 0xffff, new Int32Array([0, 1, 3, 4]), newScratch(6)))).toEqual([[3, 4]]);
  });

  it('agrees with reachability on random graphs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 30 }))), ([n, es]) => {
        const g = graph(n, es.map(([a, b]) => [a, b, Bit.ww]));
        const reach = Array.from({ length: n }, (_, i) => new Set([i]));
        for (let k = 0; k < n; k++) for (const [a, b] of es) for (let i = 0; i < n; i++) if (reach[i].has(a) && a !== b) reach[i].add(b);
        const comp = new Map<number, number>();
        components(g, Bit.ww, allNodes(n), newScratch(n)).forEach((c, ci) => c.forEach((v) => comp.set(v, ci)));
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            if (i === j) continue;
            const mutual = reach[i].has(j) && reach[j].has(i);
            expect(comp.has(i) && comp.get(i) === comp.get(j)).toBe(mutual);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** A transaction as the tests write it. */
interface Txn {
  id: number;
  status: 'ok' | 'info' | 'fail';
  process: number;
  invokePos: number;
  completePos: number;
}

/** The engine's columns for `ts` (already in invoke order). */
function toTxns(ts: readonly Txn[]): Txns {
  const col = (f: (t: Txn) => number) => Int32Array.from(ts.map(f));
  return {
    count: ts.length,
    status: Uint8Array.from(ts.map((t) => TxnStatus[t.status])),
    process: ts.map((t) => t.process),
    invokeIndex: col((t) => t.invokePos),
    completeIndex: col((t) => t.completePos),
    invokePos: col((t) => t.invokePos),
    completePos: col((t) => t.completePos),
    mopStart: col(() => 0),
    mopEnd: col(() => 0),
  };
}

/** Random transactions with positions: each an interval on one of a few processes. */
const txnsArb = fc.array(fc.tuple(fc.nat(3), fc.nat(20), fc.constantFrom('ok', 'ok', 'info', 'fail')), { maxLength: 25 }).map((specs) => {
  const free = [0, 0, 0, 0];
  let pos = 0;
  const txns: Txn[] = [];
  // Lay the intervals out on a timeline: each process runs its transactions one after another.
  const events: { at: number; id: number; kind: 'inv' | 'done' }[] = [];
  specs.forEach(([p, len, status], id) => {
    const start = free[p] + (id % 3);
    free[p] = start + len + 1;
    events.push({ at: start * 2, id, kind: 'inv' }, { at: (start + len) * 2 + 1, id, kind: 'done' });
    txns.push({ id, status: status as Txn['status'], process: p, invokePos: 0, completePos: -1 });
  });
  events.sort((a, b) => a.at - b.at || a.id - b.id);
  for (const e of events) {
    if (e.kind === 'inv') txns[e.id].invokePos = pos++;
    else if (txns[e.id].status !== 'info') txns[e.id].completePos = pos++;
  }
  return txns.sort((a, b) => a.invokePos - b.invokePos).map((t, id) => ({ ...t, id }));
});

describe('order edges', () => {
  it('real-time edges close transitively to exactly "completed before invoked", for transactions that may have committed', () => {
    fc.assert(
      fc.property(txnsArb, (txns) => {
        const b = new GraphBuilder(txns.length, 16, new Arena(1024));
        addRealtimeEdges(toTxns(txns), b, new Arena(1024));
        const g = b.freeze();
        const n = txns.length;
        const reach = Array.from({ length: n }, () => new Set<number>());
        for (let i = 0; i < n; i++) {
          const stack = [i];
          while (stack.length) {
            const v = stack.pop() as number;
            for (let e = g.offsets[v]; e < g.offsets[v + 1]; e++) if (!reach[i].has(g.targets[e])) reach[i].add(g.targets[e]), stack.push(g.targets[e]);
          }
        }
        for (const a of txns) {
          for (const c of txns) {
            const want = a.status === 'ok' && c.status !== 'fail' && a.completePos < c.invokePos;
            expect(reach[a.id].has(c.id), `${a.id} -> ${c.id}`).toBe(want);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('process edges link each process’s transactions in order, skipping failed ones', () => {
    const t = (id: number, process: number, status: Txn['status']): Txn => ({ id, status, process, invokePos: id, completePos: id });
    const b = new GraphBuilder(4, 16, new Arena(1024));
    addProcessEdges(toTxns([t(0, 0, 'ok'), t(1, 0, 'fail'), t(2, 1, 'ok'), t(3, 0, 'info')]), b);
    const g = b.freeze();
    expect(edgeMask(g, 0, 3)).toBe(Bit.process);
    expect(g.targets.length).toBe(1);
  });

  it('never orders anything after a transaction of unknown outcome by process, as it may take effect later', () => {
    const t = (id: number, status: Txn['status']): Txn => ({ id, status, process: 0, invokePos: id, completePos: id });
    const b = new GraphBuilder(3, 16, new Arena(1024));
    addProcessEdges(toTxns([t(0, 'ok'), t(1, 'info'), t(2, 'ok')]), b);
    const g = b.freeze();
    expect([edgeMask(g, 0, 1), edgeMask(g, 0, 2), edgeMask(g, 1, 2)]).toEqual([Bit.process, Bit.process, 0]);
  });
});
