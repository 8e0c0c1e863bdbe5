/** The arena hands out zeroed, disjoint typed arrays, adding buffers as it fills. */
import { describe, expect, it } from 'vitest';
import { Arena } from '../../src/elle/arena.js';

describe('Arena', () => {
  it('gives zeroed arrays that do not overlap, across buffers', () => {
    const a = new Arena(64);
    const arrays = [a.i32(10), a.u8(3), a.u16(5), a.i32(5000), a.u8(1), a.i32(7)];
    arrays.forEach((x, i) => {
      expect([...x].every((v) => v === 0)).toBe(true);
      x.fill(i + 1);
    });
    arrays.forEach((x, i) => expect([...x].every((v) => v === i + 1)).toBe(true));
    expect(arrays.map((x) => x.length)).toEqual([10, 3, 5, 5000, 1, 7]);
  });
});
