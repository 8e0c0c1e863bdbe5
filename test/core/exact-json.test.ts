import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalInteger, exactInteger, parseExactJson, showValue, stringifyExactJson } from '../../src/core/exact-json.js';

describe('exact JSON integers', () => {
  it('keeps safe integers as numbers and others as bigints', () => {
    expect(exactInteger('9007199254740991')).toBe(9007199254740991);
    expect(exactInteger('9007199254740992')).toBe(9007199254740992n);
    expect(exactInteger('-9007199254740993')).toBe(-9007199254740993n);
    expect(exactInteger('+12')).toBe(12);
    expect(canonicalInteger(12n)).toBe(12);
    expect(canonicalInteger(2n ** 64n)).toBe(2n ** 64n);
  });

  it('parses JSON with unsafe integers exactly and everything else as JSON.parse does', () => {
    expect(parseExactJson('{"a":9007199254740993,"b":[1.5,-18446744073709551616,"9007199254740993"],"c":1e400}')).toEqual({
      a: 9007199254740993n,
      b: [1.5, -18446744073709551616n, '9007199254740993'],
      c: Infinity,
    });
    expect(parseExactJson('{"x":1234567890123456.5}')).toEqual({ x: 1234567890123456.5 });
    expect(() => parseExactJson('{"a":12345678901234567')).toThrow();
  });

  it('writes bigints as bare digits, so that the text is plain JSON', () => {
    expect(stringifyExactJson({ a: 9007199254740993n, b: [2n ** 64n, 'x'], c: undefined })).toBe('{"a":9007199254740993,"b":[18446744073709551616,"x"]}');
    expect(showValue(-5n)).toBe('-5');
  });

  it('round-trips any integer exactly, and any JSON value as JSON does', () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.jsonValue(), (n, j) => {
        const v = { n: canonicalInteger(n), j };
        const back = parseExactJson(stringifyExactJson(v)) as { n: unknown; j: unknown };
        expect(back.n).toBe(canonicalInteger(n));
        expect(stringifyExactJson(back.j)).toBe(JSON.stringify(j));
      }),
    );
  });
});
