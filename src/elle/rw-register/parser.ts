/**
 * rw-register micro-ops: `['w', k, v]` writes the value `v` (a string or number, unique per key) to the
 * register `k`; `['r', k, v]` reads it, `null` meaning the initial state (never written).
 */
import type { MopParser } from '../txns.js';
import { MopF } from '../types.js';

const isValue = (v: unknown): boolean => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/** The rw-register micro-op parser. */
export const rwRegisterParser: MopParser = {
  fs: { w: MopF.write, r: MopF.read },
  written(v) {
    return isValue(v) ? null : 'a written value must be a string or a number';
  },
  read(v) {
    if (v === null || isValue(v)) return v;
    throw 'not a string, a number or null';
  },
};
