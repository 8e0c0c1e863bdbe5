/**
 * One literal history per bad pattern of "On Verifying Causal Consistency" (Bouajjani, Enea,
 * Guerraoui, Hamza, POPL 2017), written from the pattern's definition in the paper's notation
 * (`r(x,0)` reads the initial value), with the verdicts on CC, CCv and CM the paper's theorems give,
 * cross-checked against the models' definitions by exhaustive search.
 */
import { describe, expect, it } from 'vitest';
import { checkCausal } from '../../src/causal/index.js';
import { bruteCausal } from './brute-force.js';
import { hist } from './notation.js';

const verdicts = (h: ReturnType<typeof hist>) => {
  const r = checkCausal(h);
  return { cc: r.cc.holds, ccv: r.ccv.holds, cm: r.cm.holds };
};

describe('bad patterns, one literal history each', () => {
  it('a causally consistent history with concurrent writes has no pattern', () => {
    const h = hist(['w(x,1)', 'r(y,1)'], ['w(y,1)', 'r(x,1)', 'r(x,1)']);
    const r = checkCausal(h);
    expect(r.violations).toEqual([]);
    expect(verdicts(h)).toEqual({ cc: true, ccv: true, cm: true });
    expect(bruteCausal(h)).toEqual({ cc: true, ccv: true, cm: true });
  });

  it('CyclicCO: each process reads what the other writes after its read', () => {
    // 0 r(x,2) 1 w(y,1) | 2 r(y,1) 3 w(x,2)
    const h = hist(['r(x,2)', 'w(y,1)'], ['r(y,1)', 'w(x,2)']);
    const r = checkCausal(h);
    expect(r.cc).toEqual({ holds: false, by: ['CyclicCO'] });
    expect(r.ccv.by).toEqual(['CyclicCO']);
    expect(r.cm.by).toEqual(['CyclicCO']);
    const v = r.violations[0];
    expect(v.pattern).toBe('CyclicCO');
    expect(new Set(v.ops)).toEqual(new Set([0, 1, 2, 3]));
    expect(v.edges).toEqual(expect.arrayContaining([
      { from: 3, to: 0, label: 'rf' },
      { from: 0, to: 1, label: 'po' },
      { from: 1, to: 2, label: 'rf' },
      { from: 2, to: 3, label: 'po' },
    ]));
    expect(bruteCausal(h).cc).toBe(false);
  });

  it('WriteCOInitRead: a read of the initial value with a write of the key in its causal past', () => {
    // 0 w(x,1) | 1 r(x,1) 2 r(x,0)
    const h = hist(['w(x,1)'], ['r(x,1)', 'r(x,0)']);
    const r = checkCausal(h);
    expect(r.cc.by).toEqual(['WriteCOInitRead']);
    expect(r.violations).toEqual([
      { pattern: 'WriteCOInitRead', ops: [0, 2], edges: [{ from: 0, to: 2, label: 'co' }], key: 'x', roles: { write: 0, read: 2 } },
    ]);
    expect(bruteCausal(h)).toEqual({ cc: false, ccv: false, cm: false });
  });

  it('ThinAirRead: a read of a value nobody wrote', () => {
    const h = hist(['w(x,1)'], ['r(x,5)']);
    const r = checkCausal(h);
    expect(r.cc.by).toEqual(['ThinAirRead']);
    expect(r.violations).toEqual([{ pattern: 'ThinAirRead', ops: [1], edges: [], key: 'x', roles: { read: 1 } }]);
  });

  it('WriteCORead: a read of a write its causal past had overwritten', () => {
    // 0 w(x,1) 1 w(x,2) | 2 r(x,2) 3 r(x,1)
    const h = hist(['w(x,1)', 'w(x,2)'], ['r(x,2)', 'r(x,1)']);
    const r = checkCausal(h);
    expect(r.cc.by).toEqual(['WriteCORead']);
    expect(r.violations[0]).toEqual({
      pattern: 'WriteCORead',
      ops: [0, 1, 3],
      edges: [{ from: 0, to: 1, label: 'co' }, { from: 1, to: 3, label: 'co' }, { from: 0, to: 3, label: 'rf' }],
      key: 'x',
      roles: { returned: 0, overwriting: 1, read: 3 },
    });
    expect(bruteCausal(h).cc).toBe(false);
  });

  it('CyclicCF: each process reads the other’s write after its own (CC and CM, not CCv)', () => {
    // 0 w(x,1) 1 r(x,2) | 2 w(x,2) 3 r(x,1)
    const h = hist(['w(x,1)', 'r(x,2)'], ['w(x,2)', 'r(x,1)']);
    const r = checkCausal(h);
    expect(verdicts(h)).toEqual({ cc: true, ccv: false, cm: true });
    expect(r.ccv.by).toEqual(['CyclicCF']);
    const v = r.violations.find((x) => x.pattern === 'CyclicCF')!;
    expect(v.edges).toEqual(expect.arrayContaining([{ from: 0, to: 2, label: 'cf' }, { from: 2, to: 0, label: 'cf' }]));
    expect(bruteCausal(h)).toEqual({ cc: true, ccv: false, cm: true });
  });

  it('WriteHBInitRead: a process must order a write before its read of the initial value (CC and CCv, not CM)', () => {
    // 0 w(z,1) 1 w(x,1) 2 w(y,1) | 3 w(x,2) 4 r(z,0) 5 r(y,1) 6 r(x,2)
    const h = hist(['w(z,1)', 'w(x,1)', 'w(y,1)'], ['w(x,2)', 'r(z,0)', 'r(y,1)', 'r(x,2)']);
    const r = checkCausal(h);
    expect(verdicts(h)).toEqual({ cc: true, ccv: true, cm: false });
    expect(r.cm.by).toEqual(['WriteHBInitRead']);
    const v = r.violations.find((x) => x.pattern === 'WriteHBInitRead')!;
    expect(v).toMatchObject({ ops: [0, 4], key: 'z', process: 1 });
    // w(z,1) po w(x,1) hb w(x,2) po r(z,0)
    expect(v.edges).toEqual([{ from: 0, to: 1, label: 'po' }, { from: 1, to: 3, label: 'hb' }, { from: 3, to: 4, label: 'po' }]);
    expect(bruteCausal(h)).toEqual({ cc: true, ccv: true, cm: false });
  });

  it('CyclicHB: a process reads 1, 2, then 1 again of two concurrent writes (CC only)', () => {
    // 0 w(x,1) | 1 w(x,2) | 2 r(x,1) 3 r(x,2) 4 r(x,1)
    const h = hist(['w(x,1)'], ['w(x,2)'], ['r(x,1)', 'r(x,2)', 'r(x,1)']);
    const r = checkCausal(h);
    expect(verdicts(h)).toEqual({ cc: true, ccv: false, cm: false });
    expect(r.cm.by).toEqual(['CyclicHB']);
    const v = r.violations.find((x) => x.pattern === 'CyclicHB')!;
    expect(v.process).toBe(2);
    expect(v.edges).toEqual(expect.arrayContaining([{ from: 0, to: 1, label: 'hb' }, { from: 1, to: 0, label: 'hb' }]));
    expect(bruteCausal(h)).toEqual({ cc: true, ccv: false, cm: false });
  });

  it('CyclicHB that only the saturation of hb finds: an edge from a write whose label was lowered', () => {
    // A: 0 w(x,1) | B: 1 r(x,1) 2 w(x,2) 3 w(y,2) 4 w(z,5) | C: 5 w(y,3) | P: 6 r(y,3) 7 r(x,1) 8 r(z,5) 9 r(y,3)
    // P's last read puts w(y,2) before w(y,3), which P saw first: w(y,2), and B's w(x,2) before it, go
    // before P's first op; w(x,2) is then hb-before P's read of x=1, so w(x,2) hb w(x,1) — which is
    // causally before w(x,2). Under co and cf alone there is no cycle and no init read to break.
    const h = hist(['w(x,1)'], ['r(x,1)', 'w(x,2)', 'w(y,2)', 'w(z,5)'], ['w(y,3)'], ['r(y,3)', 'r(x,1)', 'r(z,5)', 'r(y,3)']);
    const r = checkCausal(h);
    expect(verdicts(h)).toEqual({ cc: true, ccv: true, cm: false });
    expect(r.cm.by).toEqual(['CyclicHB']);
    const v = r.violations.find((x) => x.pattern === 'CyclicHB')!;
    expect(v).toMatchObject({ key: 'x', process: 3 });
    // w(x,2) hb w(x,1), which is causally before w(x,2) (read by B before it wrote x=2)
    expect(v.edges).toEqual([{ from: 2, to: 0, label: 'hb' }, { from: 0, to: 2, label: 'co' }]);
    expect(bruteCausal(h)).toEqual({ cc: true, ccv: true, cm: false });
  });

  it('keeps at most `limit` violations of a pattern and counts them all', () => {
    const h = hist(['w(x,1)'], ['r(x,1)', 'r(x,0)', 'r(x,0)', 'r(x,0)']);
    const r = checkCausal(h, { limit: 2 });
    expect(r.violations).toHaveLength(2);
    expect(r.counts).toEqual({ WriteCOInitRead: 3 });
  });
});
