import { describe, expect, it } from 'vitest';
import { toPlain } from '../../../src/importers/edn/plain.js';
import { EdnReader } from '../../../src/importers/edn/reader.js';

const plain = (text: string): unknown => toPlain(new EdnReader(text).next()!.value);

describe('EDN values as op values', () => {
  it('turns a transaction into nested arrays of text and numbers', () => {
    expect(plain('[[:append :x 1] [:r :y [1 2]] [:r :z nil]]')).toEqual([
      ['append', 'x', 1],
      ['r', 'y', [1, 2]],
      ['r', 'z', null],
    ]);
  });

  it('keeps exact integers, and makes sets and lists arrays in written order', () => {
    expect(plain('{:a #{3 1} :b (9007199254740993 2)}')).toEqual({ a: [3, 1], b: [9007199254740993n, 2] });
  });

  it('turns keys into text, a non-text key into its EDN, and unwraps tags', () => {
    expect(plain('{:k 1, "s" 2, [1 2] 3, 7 4, :t #inst "2024-01-02T00:00:00Z", :r #my.Rec{:x \\c}}')).toEqual({
      k: 1,
      s: 2,
      '[1 2]': 3,
      '7': 4,
      t: '2024-01-02T00:00:00Z',
      r: { x: 'c' },
    });
  });

  it('keeps a "__proto__" key as data', () => {
    const v = plain('{"__proto__" {:polluted true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a map whose keys would become the same text', () => {
    expect(() => plain('{:a 1 "a" 2}')).toThrow('the map keys :a and "a" would both become "a"');
  });
});
