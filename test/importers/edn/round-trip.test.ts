import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalInteger } from '../../../src/core/exact-json.js';
import { EdnReader, type EdnForm } from '../../../src/importers/edn/reader.js';
import { printEdn, type EdnValue } from '../../../src/importers/edn/value.js';

const name = fc.stringMatching(/^[a-z][a-z0-9*!?<>=_-]{0,8}$/).filter((s) => !['nil', 'true', 'false'].includes(s));
const qualified = fc.tuple(fc.option(name, { nil: undefined }), name).map(([ns, n]) => (ns ? `${ns}/${n}` : n));

/** Any EDN value the reader accepts, built so that no two map keys or set elements print alike. */
const ednValue: fc.Arbitrary<EdnValue> = fc.letrec<{ value: EdnValue; scalar: EdnValue }>((tie) => ({
  scalar: fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.bigInt().map(canonicalInteger),
    fc.double().filter((x) => !Number.isInteger(x)), // integers are bigint() above; -0 prints as 0
    fc.string({ unit: 'binary' }),
    qualified.map((n): EdnValue => ({ kind: 'keyword', name: n })),
    qualified.map((n): EdnValue => ({ kind: 'symbol', name: n })),
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }).map((c): EdnValue => ({ kind: 'char', char: c })),
  ),
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('scalar'),
    fc.array(tie('value'), { maxLength: 4 }).map((items): EdnValue => ({ kind: 'vector', items })),
    fc.array(tie('value'), { maxLength: 4 }).map((items): EdnValue => ({ kind: 'list', items })),
    fc.uniqueArray(tie('value'), { maxLength: 4, selector: printEdn }).map((items): EdnValue => ({ kind: 'set', items })),
    fc
      .uniqueArray(fc.tuple(tie('value'), tie('value')), { maxLength: 4, selector: ([k]) => printEdn(k) })
      .map((entries): EdnValue => ({ kind: 'map', entries })),
    fc.tuple(fc.constantFrom('inst', 'uuid'), fc.string()).map(([tag, s]): EdnValue => ({ kind: 'tagged', tag, value: s })),
    fc.tuple(qualified, tie('value')).map(([tag, value]): EdnValue => ({ kind: 'tagged', tag: `x.${tag}`, value })),
  ),
})).value;

function readAll(text: string): EdnForm[] {
  const r = new EdnReader(text);
  const out: EdnForm[] = [];
  for (let f: EdnForm | undefined; (f = r.next()); ) out.push(f);
  return out;
}

describe('EDN reader round trip', () => {
  it('reads back exactly the values printEdn writes, one form per line, with each line number', () => {
    fc.assert(
      fc.property(fc.array(ednValue, { minLength: 1, maxLength: 5 }), (values) => {
        const printed = values.map(printEdn);
        const forms = readAll(printed.join('\n'));
        expect(forms.map((f) => f.value)).toEqual(values);
        expect(forms.map((f) => f.line)).toEqual(printed.map((_, i) => i + 1));
      }),
      { numRuns: 300 },
    );
  });

  it('reads the same values with comments, commas and discards between them', () => {
    fc.assert(
      fc.property(fc.array(ednValue, { minLength: 1, maxLength: 4 }), ednValue, (values, junk) => {
        const printed = values.map(printEdn);
        const text = printed.map((p) => `; comment\n#_ ${printEdn(junk)} ,, ${p}`).join('\n');
        expect(readAll(text).map((f) => f.value)).toEqual(values);
      }),
      { numRuns: 200 },
    );
  });
});
