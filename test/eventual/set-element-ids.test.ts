/**
 * set-full finds an element's id through a dense table when the elements are small non-negative
 * integers, else through a map (set-elements.ts). Property: on serial set histories whose reads are
 * then corrupted (elements dropped, repeated, and stray values read: out of range, negative,
 * fractional, strings), set-full finds the same anomalies, counts and rulings when every element is
 * renamed to a string (so the map is used) as with the integers (so the table is).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Op } from '../../src/core/op.js';
import { checkSetFull } from '../../src/eventual/index.js';
import { serialHistory, stepArb } from './support/serial.js';

const opts = { maxAnomalies: 1000 };

/** What a corrupted read does to its elements. */
const editArb = fc.record({
  drop: fc.array(fc.nat(), { maxLength: 3 }),
  repeat: fc.array(fc.nat(), { maxLength: 2 }),
  stray: fc.array(fc.oneof(fc.integer({ min: -3, max: 70 }), fc.constantFrom(1.5, 2 ** 40, -0, '1', 'x')), { maxLength: 3 }),
});
type Edit = typeof editArb extends fc.Arbitrary<infer T> ? T : never;

function corrupt(h: Op[], edits: Edit[]): Op[] {
  let i = 0;
  return h.map((op) => {
    if (op.f !== 'read' || op.type !== 'ok') return op;
    const e = edits[i++ % edits.length]!;
    const xs = op.value as unknown[];
    const kept = xs.filter((_, j) => !e.drop.some((d) => d % xs.length === j));
    const repeated = xs.length === 0 ? [] : e.repeat.map((r) => xs[r % xs.length]);
    return { ...op, value: [...kept, ...repeated, ...e.stray] };
  });
}

/** Numbers become `n<x>`, strings `s<x>`: one-to-one, and no element is an integer any more. */
const rename = (x: unknown): unknown => (typeof x === 'number' ? `n${Object.is(x, -0) ? 0 : x}` : typeof x === 'string' ? `s${x}` : x);

function renamed(h: Op[]): Op[] {
  return h.map((op) => {
    if (op.f === 'add') return { ...op, value: rename(op.value) };
    if (op.f === 'read' && op.type === 'ok') return { ...op, value: (op.value as unknown[]).map(rename) };
    return op;
  });
}

const summary = (h: Op[]) => {
  const r = checkSetFull(h, opts);
  return { counts: r.counts, rulings: r.rulings, anomalies: r.anomalies.map((a) => [a.kind, a.key, a.ops]) };
};

describe('set-full element ids', () => {
  it('the dense table (integer elements) and the map (the same elements as strings) agree', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 50 }), fc.array(editArb, { minLength: 1, maxLength: 8 }), (steps, edits) => {
        const h = corrupt(serialHistory(steps, 'set'), edits);
        expect(summary(h)).toEqual(summary(renamed(h)));
      }),
      { numRuns: 300 },
    );
  });

  it('stray values no add attempted are unexpected on either path', () => {
    const h = corrupt(serialHistory([{ read: false, thread: 0, key: 'a', outcome: 'ok', applied: true, amount: 1, order: 0 }], 'set'), [
      { drop: [], repeat: [], stray: [1.5, -1, 2 ** 40, '1'] },
    ]);
    const found = summary(h);
    expect(found.counts.unexpected).toBe(4 * 6); // in each final read: keys a and b, 3 nodes each
    expect(summary(renamed(h))).toEqual(found);
  });
});
