/**
 * Persistent vector clocks as 32-way tries (see `clocks.ts`): a leaf holds the counts of 32 columns,
 * an inner node 32 subtrees, `null` stands for all zeros, and nothing is changed once built — raising
 * a column copies one path, a join copies only the paths where the two clocks differ and returns one
 * of them unchanged whenever it already holds the maximum.
 */

const BITS = 5;
const FAN = 1 << BITS;
const MASK = FAN - 1;

/** A trie node: a leaf holds 32 counts, an inner node 32 children; null is all zeros. */
export type Node = Int32Array | (Node | null)[] | null;

/** A clock: a persistent trie of counts by column. */
export type Clock = Node;

/** Inner levels a trie needs for `width` columns. */
export function levelsFor(width: number): number {
  let levels = 0;
  while (FAN ** (levels + 1) < width) levels++;
  return levels;
}

/** Count of column c in a clock whose trie has `levels` inner levels. */
export function get(node: Node, c: number, levels: number): number {
  if (node === null) return 0;
  if (levels === 1) {
    const leaf = (node as Node[])[c >>> BITS];
    return leaf === null ? 0 : (leaf as Int32Array)[c & MASK];
  }
  for (let l = levels; l > 0 && node !== null; l--) node = (node as (Node | null)[])[(c >>> (BITS * l)) & MASK];
  return node === null ? 0 : (node as Int32Array)[c & MASK];
}

/** The clock with column c raised to v (v ≥ its count). */
export function raise(node: Node, c: number, v: number, level: number): Node {
  if (level === 0) {
    const leaf = node === null ? new Int32Array(FAN) : (node as Int32Array).slice();
    leaf[c & MASK] = v;
    return leaf;
  }
  const inner = node === null ? new Array<Node>(FAN).fill(null) : (node as Node[]).slice();
  const i = (c >>> (BITS * level)) & MASK;
  inner[i] = raise(inner[i], c, v, level - 1);
  return inner;
}

/** The columnwise maximum of two clocks, sharing every subtree one of them already holds. */
export function join(a: Node, b: Node, level: number): Node {
  if (a === b || b === null) return a;
  if (a === null) return b;
  if (level === 0) {
    const x = a as Int32Array;
    const y = b as Int32Array;
    let aWins = true;
    let bWins = true;
    for (let i = 0; i < FAN; i++) {
      if (x[i] < y[i]) aWins = false;
      else if (x[i] > y[i]) bWins = false;
    }
    if (aWins) return a;
    if (bWins) return b;
    const out = new Int32Array(FAN);
    for (let i = 0; i < FAN; i++) out[i] = x[i] > y[i] ? x[i] : y[i];
    return out;
  }
  const x = a as Node[];
  const y = b as Node[];
  let out: Node[] | undefined;
  let allB = true;
  for (let i = 0; i < FAN; i++) {
    const j = join(x[i], y[i], level - 1);
    if (j !== y[i]) allB = false;
    if (j !== x[i]) (out ??= x.slice())[i] = j;
  }
  return out === undefined ? a : allB ? b : out;
}
