/**
 * Set elements in a canonical order, so that a set reads back the same on every node however its
 * elements arrived: a set is stored (and read) as an array sorted by `compareElements` without
 * duplicates. The order: numbers (numerically) before strings (by UTF-16 code units) before
 * booleans, null, arrays and objects (by their JSON text). Two elements are the same element when
 * they compare equal, i.e. for arrays and objects when their JSON texts are equal (key order counts).
 */

function rank(v: unknown): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  return 2;
}

/** Total order on JSON values used for sets (see the module comment). */
export function compareElements(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return (a as number) - (b as number);
  const x = ra === 1 ? (a as string) : JSON.stringify(a);
  const y = ra === 1 ? (b as string) : JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Where `v` is or would go in the sorted `arr`: `[position, present]` (binary search). */
export function findElement(arr: readonly unknown[], v: unknown): [number, boolean] {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareElements(arr[mid], v);
    if (c === 0) return [mid, true];
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return [lo, false];
}

/** Inserts `v` into the sorted, duplicate-free `arr` in place; false when it was already there. */
export function insertElement(arr: unknown[], v: unknown): boolean {
  const [at, present] = findElement(arr, v);
  if (present) return false;
  arr.splice(at, 0, v);
  return true;
}

/** The sorted, duplicate-free union of two sorted, duplicate-free arrays (a new array). */
export function unionElements(a: readonly unknown[], b: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const c = compareElements(a[i], b[j]);
    if (c <= 0) out.push(a[i++]);
    else out.push(b[j++]);
    if (c === 0) j++;
  }
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}
