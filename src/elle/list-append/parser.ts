/**
 * List-append micro-ops: `['append', k, v]` appends the value `v` (a string or number, unique per key; an
 * integer beyond 2^53 is an exact `bigint`, indexed by its digits) to
 * the list at `k`; `['r', k, list]` reads the whole list. A read of `null` is the empty list (Jepsen
 * writes `nil` for a key never appended to); anything else that is not an array is an error.
 */
import type { MopParser } from '../txns.js';
import { MopF } from '../types.js';

/** The list-append micro-op parser. */
export const listAppendParser: MopParser = {
  fs: { append: MopF.append, r: MopF.read },
  written(v) {
    return typeof v === 'string' || typeof v === 'bigint' || (typeof v === 'number' && Number.isFinite(v)) ? null : 'an appended value must be a string or a number';
  },
  read(v) {
    if (v === null) return [];
    if (!Array.isArray(v)) throw 'not a list';
    return v;
  },
};
