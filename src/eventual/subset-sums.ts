/**
 * Which totals a subset of some non-negative integers can make (a bounded knapsack's reachable set):
 * for the increments whose outcome is unknown, which of them a final counter read may include. The
 * increments are grouped by value (a workload draws them from a small range), and each value with
 * count c extends the reachable set in one sweep that never uses it more than c times: O(total ×
 * distinct values) time, one byte per total. Above `limit` totals it declines (returns undefined).
 */

/** The totals reachable as sums of sub-multisets of `values`, as a lookup; undefined if their sum exceeds `limit`. */
export function subsetSums(values: readonly number[], limit = 50_000_000): ((total: number) => boolean) | undefined {
  let sum = 0;
  const counts = new Map<number, number>();
  for (const v of values) {
    sum += v;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  if (sum > limit) return undefined;
  const reach = new Uint8Array(sum + 1);
  reach[0] = 1;
  const used = new Int32Array(sum + 1);
  let top = 0;
  for (const [v, c] of counts) {
    if (v === 0) continue;
    used.fill(0, 0, Math.min(sum, top + v * c) + 1);
    for (let s = v; s <= Math.min(sum, top + v * c); s++) {
      if (!reach[s] && reach[s - v] && used[s - v] < c) {
        reach[s] = 1;
        used[s] = used[s - v] + 1;
      }
    }
    top = Math.min(sum, top + v * c);
  }
  return (t) => Number.isInteger(t) && t >= 0 && t <= sum && reach[t] === 1;
}
