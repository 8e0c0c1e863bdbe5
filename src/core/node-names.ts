/**
 * Node names: the one place they are made up. Node i (0-based) of a cluster is `n<i+1>`. The run plan,
 * the workload context, every runtime's layout and the nemeses' choices all take names from here, so
 * a history's node names always match the cluster's.
 */

/** The name of node `index` (0-based): n1, n2, … */
export function nodeName(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`nodeName: index must be a whole number from 0, got ${index}`);
  return `n${index + 1}`;
}

/** The names of a cluster of `count` nodes, in order: n1 … n<count>. */
export function nodeNames(count: number): string[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`nodeNames: count must be a whole number from 0, got ${count}`);
  return Array.from({ length: count }, (_, i) => nodeName(i));
}
