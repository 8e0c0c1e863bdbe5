/**
 * The set-full, counter and convergence checkers as the registry builds them: the verdict is about
 * the models asked for (`consistency-models`), every model each rules on is in `models`, anomalies
 * keep their key and ops, input they cannot judge is a `badOp` naming the record, and the models
 * spread through the lattice as the run's results do it.
 */
import { describe, expect, it } from 'vitest';
import { checkerEntry } from '../../src/checkers/index.js';
import { closeVerdicts } from '../../src/core/models.js';
import type { Op } from '../../src/core/op.js';
import { History, testInfo } from '../eventual/support/history.js';
import { checkerOptionsSchema } from '../../src/checkers/option-schemas.js';

const build = (name: string, opts: Record<string, string> = {}) => {
  const entry = checkerEntry(name)!;
  return entry.create(checkerOptionsSchema(entry).parse(opts));
};
const check = (name: string, h: History | Op[], opts: Record<string, string> = {}) => build(name, opts).check(testInfo, h instanceof History ? h.ops : h, {});

describe('set-full checker', () => {
  const stale = () => new History().add(0, 1).read(1, []).read(2, [1]);

  it('a stale read keeps eventual (valid by default) but rules linearizability out', async () => {
    const r = await check('set-full', stale());
    expect(r.valid).toBe(true);
    expect(r.models).toEqual({
      eventual: { status: 'holds', by: [] },
      linearizable: { status: 'ruled-out', by: ['stale'] },
      'read-your-writes': { status: 'holds', by: [] },
      'monotonic-reads': { status: 'holds', by: [] },
    });
    expect(r.anomalies!.map((a) => [a.kind, a.key, a.ops])).toEqual([['stale', 's', [0, 2]]]);
    expect(r.stats).toMatchObject({ stale: 1, stable: 1, acknowledged: 1 });
    const lin = await check('set-full', stale(), { 'consistency-models': 'linearizable' });
    expect(lin.valid).toBe(false);
  });

  it('a lost element is invalid; the ruling reaches every model stronger than eventual, not the session guarantees', async () => {
    const r = await check('set-full', new History().add(0, 1).read(1, [1]).read(2, []));
    expect(r.valid).toBe(false);
    const closed = closeVerdicts(r.models!);
    expect(closed.eventual!.status).toBe('ruled-out');
    expect(closed.sequential!.status).toBe('ruled-out');
    expect(closed['read-your-writes']!.status).toBe('holds');
  });

  it('a clean history where linearizability is asked about is unknown, saying why', async () => {
    const r = await check('set-full', new History().add(0, 1).read(1, [1]), { 'consistency-models': 'eventual,linearizable' });
    expect(r.valid).toBe('unknown');
    expect(r.error).toMatch(/never show it holds/);
  });

  it('an element added twice to one key, or a read that is not a list, is refused naming the op', async () => {
    const twice = await check('set-full', new History().add(0, 1).add(1, 1).read(1, [1]));
    expect(twice).toMatchObject({ valid: 'unknown', badOp: { index: 2 } });
    expect(twice.badOp!.reason).toMatch(/repeats the element of op 0/);
    const notList = await check('set-full', new History().add(0, 1).read(1, 5));
    expect(notList.badOp).toEqual({ index: 2, reason: 'a read of key "s" returned 5: set-full expected a list of elements' });
  });
});

describe('counter checker', () => {
  it('a final count no subset of the uncertain increments explains is invalid, with its bounds', async () => {
    const h = new History().op(0, 'incr', 2).op(1, 'incr', 2, { type: 'info' }).read(2, 3);
    const r = await check('counter', h);
    expect(r.valid).toBe(false);
    expect(r.anomalies!.map((a) => [a.kind, a.detail])).toEqual([['final-read-wrong', { value: 3, low: 2, high: 4 }]]);
    expect(r.models!.eventual).toEqual({ status: 'ruled-out', by: ['final-read-wrong'] });
    expect((await check('counter', new History().op(0, 'incr', 2).op(1, 'incr', 2, { type: 'info' }).read(2, 4))).valid).toBe(true);
  });

  it('an increment by something other than a non-negative integer is refused', async () => {
    const r = await check('counter', new History().op(0, 'incr', -1).read(1, 0));
    expect(r.badOp?.index).toBe(0);
  });
});

describe('convergence checker', () => {
  it('final reads that disagree are invalid; agreeing ones valid, with bounds on when they agreed', async () => {
    const h = (b: unknown[]) => new History().add(0, 1, { node: 'n1' }).nemesis().read(0, [1], { node: 'n1' }).read(1, b, { node: 'n2' });
    const bad = await check('convergence', h([]));
    expect(bad.valid).toBe(false);
    expect(bad.anomalies![0]!.kind).toBe('divergent');
    const good = await check('convergence', h([1]));
    expect(good.valid).toBe(true);
    expect(good.stats).toMatchObject({ converged: 1, replicas: ['n1', 'n2'], healedAtMs: 4, agreedByUpperBoundMs: { max: 4 }, agreedByLowerBoundMs: { max: 0 } });
  });

  it('a node that gave no final read leaves the verdict unknown, naming it', async () => {
    const h = new History().read(1, [], { node: 'n2' }).add(0, 1, { node: 'n1' }).read(0, [1], { node: 'n1' });
    const r = await check('convergence', h);
    expect(r.valid).toBe('unknown');
    expect(r.error).toBe('key "s": no final read from n2');
  });
});
