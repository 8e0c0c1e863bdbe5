/**
 * A polynomial hash of strings (mod 2^32) that extends in O(appended length):
 * H(a + b) = H(a)·B^|b| + H(b). Models whose states are long strings grown by appends keep it in
 * the state, so interning a state costs a number lookup instead of hashing the whole string.
 */

export const BASE = 0x01000193;

/** H(s) for a whole string. */
export function stringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, BASE) + s.charCodeAt(i)) | 0;
  return h;
}

/** BASE^n mod 2^32. */
export function basePow(n: number): number {
  let result = 1;
  let b = BASE;
  while (n > 0) {
    if (n & 1) result = Math.imul(result, b);
    b = Math.imul(b, b);
    n >>>= 1;
  }
  return result;
}

/** H(a + b), given H(a) and b. */
export function appendHash(hashOfA: number, b: string): number {
  return (Math.imul(hashOfA, basePow(b.length)) + stringHash(b)) | 0;
}
