/**
 * Generates a faultline set history (adds of unique elements to many keys, reads of whole sets) from
 * a simulated replicated store, for the set-full benchmark. Three nodes; each add is applied at once
 * on its client's node and on the other nodes only `lag` adds (of that key) later, so reads on other
 * nodes miss recent adds: stale elements, each with its visibility latency, as in an eventually
 * consistent store. 1% of adds time out (`info`): half of them took effect. After the adds, a heal and
 * a final read of every key from every node, which sees everything. Ops run one after another
 * (1 µs apart); keys are visited round-robin, so each key's adds are spread over the whole history.
 */
import type { Op } from '../src/core/op.js';

/** Shape of the generated history. */
export interface SetHistoryOptions {
  adds: number;
  keys: number;
  /** A read of the key every this many adds of it. */
  readEvery: number;
  /** Adds of a key before the other nodes apply an add. */
  lag: number;
}

const NODES = ['n1', 'n2', 'n3'];

/** The history; element e of key k is e (unique within the key). */
export function setHistory(o: SetHistoryOptions): Op[] {
  const ops: Op[] = [];
  const push = (op: Omit<Op, 'index' | 'time'>) => ops.push({ index: ops.length, time: ops.length * 1000, ...op } as Op);
  const perKey = Math.ceil(o.adds / o.keys);
  // Per key: elements in add order, the node each was added on, and whether it took effect.
  const elems = Array.from({ length: o.keys }, () => ({ node: new Uint8Array(perKey), applied: new Uint8Array(perKey), n: 0 }));
  let process = 0;
  /** What node `node` holds of key `k`: everything added `lag` adds ago, and its own since. */
  const view = (k: number, node: number): number[] => {
    const e = elems[k]!;
    const out: number[] = [];
    for (let i = 0; i < e.n; i++) if (e.applied[i] && (i < e.n - o.lag || e.node[i] === node)) out.push(i + 1);
    return out;
  };
  let added = 0;
  for (let round = 0; added < o.adds; round++) {
    for (let k = 0; k < o.keys && added < o.adds; k++, added++) {
      const e = elems[k]!;
      const node = (round + k) % 3;
      const key = `k${k}`;
      const p = process + node;
      const timeout = (added * 2654435761) % 100 === 7;
      push({ process: p, type: 'invoke', f: 'add', value: e.n + 1, key, node: NODES[node] });
      e.node[e.n] = node;
      e.applied[e.n] = timeout ? Math.floor(added / 100) & 1 : 1;
      e.n++;
      push({ process: p, type: timeout ? 'info' : 'ok', f: 'add', value: e.n, key, node: NODES[node] });
      if (timeout) process += 3; // the thread goes on as a new process
      if (e.n % o.readEvery === 0) {
        const reader = (node + 1) % 3;
        push({ process: process + reader, type: 'invoke', f: 'read', value: null, key, node: NODES[reader] });
        push({ process: process + reader, type: 'ok', f: 'read', value: view(k, reader), key, node: NODES[reader] });
      }
    }
  }
  push({ process: 'nemesis', type: 'invoke', f: 'stop-partition', value: null });
  push({ process: 'nemesis', type: 'ok', f: 'stop-partition', value: null });
  for (let k = 0; k < o.keys; k++) {
    for (let node = 0; node < 3; node++) {
      const e = elems[k]!;
      const everything = Array.from({ length: e.n }, (_, i) => i + 1).filter((x) => e.applied[x - 1]);
      push({ process: process + node, type: 'invoke', f: 'read', value: null, key: `k${k}`, node: NODES[node] });
      push({ process: process + node, type: 'ok', f: 'read', value: everything, key: `k${k}`, node: NODES[node] });
    }
  }
  return ops;
}
