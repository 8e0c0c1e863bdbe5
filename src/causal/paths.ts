/**
 * Shortening a path or cycle of a violation for a person to read: po is transitive, so a run of po
 * edges through one process is one po edge from its first op to its last (the ops in between play no
 * part in the pattern). An edge from an op to itself (the read and the write of one compare-and-set)
 * is dropped.
 */
import type { Edge } from './types.js';

/** Merges consecutive po edges of a path (a list of edges, each starting where the last ended). */
export function compressPo(path: Edge[]): Edge[] {
  const out: Edge[] = [];
  for (const e of path) {
    if (e.from === e.to) continue;
    const last = out.at(-1);
    if (last && last.label === 'po' && e.label === 'po' && last.to === e.from) {
      last.to = e.to;
      if (last.from === last.to) out.pop();
    } else {
      out.push({ ...e });
    }
  }
  return out;
}
