/**
 * When per-key sequential orders make one for the whole history. Sequential consistency is not
 * compositional: every key can have an order respecting each process's order while the whole history
 * has none (process 1 writes x then reads y's initial value, process 2 writes y then reads x's). But
 * if the keys can be listed so that every process visits them in that order — each process's ops on
 * one key all before its ops on any later key — then the per-key orders, concatenated key after key,
 * respect every process's order, and the whole history is sequentially consistent. That holds iff the
 * graph "some process has an op on key a before an op on key b" (a ≠ b) has no cycle. The register
 * workload's histories have this shape: groups of clients work through the keys one at a time.
 */

/** A key-visiting order cycle, as the processes that make it, or undefined if the keys can be ordered. */
export function keyOrderCycle(ops: { process: number | undefined; key: string | undefined }[]): { keys: string[]; processes: number[] } | undefined {
  // Edges between consecutive distinct keys of each process (the rest follows by transitivity).
  const last = new Map<number, string>();
  const edges = new Map<string, Map<string, number>>();
  for (const { process, key } of ops) {
    if (process === undefined) continue;
    const k = key ?? '';
    const prev = last.get(process);
    if (prev !== undefined && prev !== k) {
      let out = edges.get(prev);
      if (!out) edges.set(prev, (out = new Map()));
      if (!out.has(k)) out.set(k, process);
    }
    last.set(process, k);
  }
  const colour = new Map<string, number>();
  const stack: string[] = [];
  const visit = (k: string): string[] | undefined => {
    colour.set(k, 1);
    stack.push(k);
    for (const next of edges.get(k)?.keys() ?? []) {
      const c = colour.get(next) ?? 0;
      if (c === 1) return stack.slice(stack.indexOf(next));
      if (c === 0) {
        const found = visit(next);
        if (found) return found;
      }
    }
    colour.set(k, 2);
    stack.pop();
    return undefined;
  };
  for (const k of edges.keys()) {
    if ((colour.get(k) ?? 0) !== 0) continue;
    const cycle = visit(k);
    if (cycle) return { keys: cycle, processes: cycle.map((a, i) => edges.get(a)!.get(cycle[(i + 1) % cycle.length])!) };
  }
  return undefined;
}
