/**
 * A register history no checker can decide in a millisecond, though it is decidable: key `easy` is
 * a write and a read of it; key `hard` is 14 writes that time out (each may have taken effect, in
 * any order, or not at all), then a read of 999, which nobody wrote. Ruling out every order of
 * every subset of the writes takes porcupine about a million search steps (~0.7 s here), so a
 * budget of 1 ms leaves it undecided on any machine; given time, the verdict is "not linearizable".
 */
import type { Op } from '../../src/core/op.js';

/** Writes of unknown outcome on the hard key. */
export const HARD_WRITES = 14;

/** The history, as faultline ops (keys `easy` and `hard`). */
export function undecidableInTime(): Op[] {
  const rows: Omit<Op, 'index' | 'time'>[] = [
    { process: 20, type: 'invoke', f: 'write', value: 1, key: 'easy' },
    { process: 20, type: 'ok', f: 'write', value: 1, key: 'easy' },
    { process: 20, type: 'invoke', f: 'read', value: null, key: 'easy' },
    { process: 20, type: 'ok', f: 'read', value: 1, key: 'easy' },
  ];
  for (let p = 0; p < HARD_WRITES; p++) rows.push({ process: p, type: 'invoke', f: 'write', value: p, key: 'hard' });
  for (let p = 0; p < HARD_WRITES; p++) rows.push({ process: p, type: 'info', f: 'write', value: p, key: 'hard', error: 'timeout' });
  rows.push({ process: HARD_WRITES, type: 'invoke', f: 'read', value: null, key: 'hard' });
  rows.push({ process: HARD_WRITES, type: 'ok', f: 'read', value: 999, key: 'hard' });
  return rows.map((r, index) => ({ index, time: index * 1000, ...r }));
}

/** The same history as JSONL text. */
export function undecidableJsonl(): string {
  return undecidableInTime().map((op) => JSON.stringify(op) + '\n').join('');
}
