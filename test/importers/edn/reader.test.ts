import { describe, expect, it } from 'vitest';
import { EdnReader, EdnSyntaxError, type EdnForm } from '../../../src/importers/edn/reader.js';
import { printEdn } from '../../../src/importers/edn/value.js';

/** Every top-level form of `text`, printed back as EDN, with its line. */
function forms(text: string): [string, number][] {
  const r = new EdnReader(text);
  const out: [string, number][] = [];
  for (let f: EdnForm | undefined; (f = r.next()); ) out.push([printEdn(f.value), f.line]);
  return out;
}

function errorOf(text: string): { line: number; message: string } {
  try {
    forms(text);
  } catch (e) {
    expect(e).toBeInstanceOf(EdnSyntaxError);
    return { line: (e as EdnSyntaxError).line, message: (e as Error).message };
  }
  throw new Error(`no error reading ${text}`);
}

describe('EDN reader', () => {
  it('reads scalars, keywords, symbols, characters and strings with escapes', () => {
    expect(forms('nil true false 42 -7 +3 1.5 -2e3 :read :jepsen/op sym a.b/c \\a \\newline \\u00e9 "x\\ty\\"\\u00e9"')).toEqual(
      [
        'nil', 'true', 'false', '42', '-7', '3', '1.5', '-2000', ':read', ':jepsen/op', 'sym', 'a.b/c', '\\a', '\\newline', '\\é', '"x\\ty\\"é"',
      ].map((s) => [s, 1]),
    );
  });

  it('reads integers exactly: beyond 2^53 as bigints, with or without N', () => {
    const r = new EdnReader('9007199254740993 18446744073709551616N 12N -9007199254740993 9007199254740991');
    const values = [r.next(), r.next(), r.next(), r.next(), r.next()].map((f) => f!.value);
    expect(values).toEqual([9007199254740993n, 18446744073709551616n, 12, -9007199254740993n, 9007199254740991]);
  });

  it('reads nested collections, sets, maps with any keys, tagged values and ##Inf', () => {
    const text = '{:a [1 (2 3) #{4 5}], "s" {:b nil}, [1 2] #inst "2024-01-02T03:04:05.000-00:00", :u #uuid "5f3c0e1a-0000-4000-8000-000000000000", :x ##Inf}';
    expect(forms(text)).toEqual([
      [
        '{:a [1 (2 3) #{4 5}], "s" {:b nil}, [1 2] #inst "2024-01-02T03:04:05.000-00:00", :u #uuid "5f3c0e1a-0000-4000-8000-000000000000", :x ##Inf}',
        1,
      ],
    ]);
  });

  it('reads records and namespaced maps as Clojure prints them', () => {
    expect(forms('#jepsen.history.Op{:index 0, :f :read}\n#:op{:f :read, :x/y 1}')).toEqual([
      ['#jepsen.history.Op {:index 0, :f :read}', 1],
      ['{:op/f :read, :x/y 1}', 2],
    ]);
  });

  it('skips ; comments, commas and #_ discarded forms anywhere, and counts lines across them', () => {
    const text = '; a history\n{:a 1, ; the a\n :b #_ {:ignored [1 2]} 2}\n#_ 99\n\n[3 ; three\n 4]';
    expect(forms(text)).toEqual([
      ['{:a 1, :b 2}', 2],
      ['[3 4]', 6],
    ]);
  });

  it('counts lines inside strings that span lines', () => {
    expect(forms('"one\ntwo"\n:three')).toEqual([
      ['"one\\ntwo"', 1],
      [':three', 3],
    ]);
  });

  it('steps into one top-level vector or list and hands out its elements with their lines', () => {
    for (const [open, close] of [['[', ']'], ['(', ')']]) {
      const r = new EdnReader(`${open}{:a 1}\n {:a 2}\n ${close}\n`);
      expect(r.enterSequence()).toEqual({ kind: open === '[' ? 'vector' : 'list', line: 1 });
      expect([r.next(), r.next()].map((f) => [printEdn(f!.value), f!.line])).toEqual([
        ['{:a 1}', 1],
        ['{:a 2}', 2],
      ]);
      expect(r.next()).toBeUndefined(); // the closer
      expect(r.next()).toBeUndefined(); // the end of the text
    }
  });

  it.each([
    ['{:a 1 :a 2}', 1, 'the map opened on line 1 has the key :a twice; map keys must be unique'],
    ['{:a 1\n :b 2\n :a 3}', 3, 'the map opened on line 1 has the key :a twice; map keys must be unique'],
    ['#{1 2 1}', 1, 'the set opened on line 1 holds 1 twice; set elements must be unique'],
    ['{:a 1 :b}', 1, 'the map opened on line 1 has a key with no value: the keyword :b'],
    [']', 1, 'found "]" with nothing open for it to close'],
    ['{:a [1 2}', 1, 'expected "]" to close the vector opened on line 1, found "}"'],
    ['\n\n[1 2\n3', 3, 'expected "]" to close the vector opened on this line, found the end of the file'],
    ['"abc', 1, 'the string opened on this line never ends: expected a closing "'],
    ['"a\\qb"', 1, 'unknown escape \\q in a string; expected \\n, \\t, \\", \\\\ or \\uXXXX'],
    ['1/3', 1, 'the ratio 1/3 is not EDN; expected an integer or a decimal number'],
    ['08', 1, 'expected a number, found "08"'],
    ['::auto', 1, 'the auto-resolved keyword ::auto is not EDN'],
    ['#"re"', 1, 'a regular expression #"…" is not EDN; expected a tag such as #inst, a set #{…} or a discard #_'],
    ['#inst 5', 1, 'expected a string after #inst, found the number 5'],
    ['\\bogus', 1, 'expected a character such as \\a, \\newline or \\u00e9, found "\\bogus"'],
    ['#_', 1, 'expected a form after #_ (discard), found the end of the file'],
  ])('reports %j at line %i in words', (text, line, message) => {
    expect(errorOf(text)).toEqual({ line, message });
  });

  it('reports an unclosed top-level vector that was stepped into', () => {
    const r = new EdnReader('[{:a 1}\n');
    r.enterSequence();
    r.next();
    expect(() => r.next()).toThrow('expected "]" to close the vector opened on this line, found the end of the file');
  });
});
