/**
 * The report's fault kinds (faults.js): every op the nemesis registry can schedule — each package's
 * start ops as its seeded schedule draws them, its stop op and its heal ops — is read as a fault of
 * that package's kind, so the report's rows cannot drift from the nemeses; and the intervals of a
 * history keep overlapping faults of different kinds apart.
 */
import { describe, expect, it } from 'vitest';
import { nemeses } from '../../nemeses/index.js';
import { rngFromSeed } from '../../src/core/generators/index.js';
import type { Op } from '../../src/core/op.js';
import { loadBrowserScripts } from '../support/browser-scripts.js';
import { syntheticHistory } from '../support/report-fixtures.js';

const FL = loadBrowserScripts();

/** The nemesis records of `history` paired invoke → completion, as the report's model pairs them. */
function nemesisPairs(history: Op[]) {
  const pairs: { invoke: Op; complete: Op | null }[] = [];
  for (const op of history.filter((o) => o.process === 'nemesis')) {
    if (op.type === 'invoke') pairs.push({ invoke: op, complete: null });
    else pairs[pairs.length - 1].complete = op;
  }
  return pairs;
}

describe('fault kinds of nemesis ops', () => {
  const env = { nodes: ['n1', 'n2', 'n3', 'n4', 'n5'], hasLeaders: true, framedLinks: true };
  for (const [name, entry] of Object.entries(nemeses).filter(([, e]) => e.pkg)) {
    it(`reads every op of nemesis ${name} as a ${name} fault`, () => {
      const pkg = entry.pkg!;
      const opts = pkg.optionsSchema.parse({});
      const starts = new Set<string>();
      for (let seed = 0; seed < 200; seed++) starts.add(pkg.start(rngFromSeed(seed), env, opts)[0].f);
      for (const f of starts) expect(FL.faultKind(f), f).toEqual({ kind: name, role: 'start' });
      for (const op of [pkg.stop, ...pkg.healOps]) expect(FL.faultKind(op.f), op.f).toEqual({ kind: name, role: 'stop' });
      expect(FL.FAULT_KINDS).toContain(name);
    });
  }

  it('draws every clock mode, scramble included (it used to be no fault at all)', () => {
    const clock = nemeses.clock.pkg!;
    const fs = new Set(Array.from({ length: 200 }, (_, seed) => clock.start(rngFromSeed(seed), env, clock.optionsSchema.parse({}))[0].f));
    expect([...fs].sort()).toEqual(['bump-clock', 'scramble-clock', 'strobe-clock']);
    expect([...fs].map((f) => FL.faultKind(f).kind)).toEqual(['clock', 'clock', 'clock']);
  });

  it("reads Jepsen's names, heals and one-off ops", () => {
    expect(FL.faultKind('start')).toEqual({ kind: 'kill', role: 'stop' });
    expect(FL.faultKind('heal-all')).toEqual({ kind: '*', role: 'heal' });
    expect(FL.faultKind('compact')).toEqual({ kind: 'compact', role: 'event' });
  });
});

describe('fault intervals', () => {
  it('keeps a pause inside a partition apart: two intervals, two rows', () => {
    const history = syntheticHistory(800, { overlapping: true });
    const ivs = FL.nemesisIntervals(nemesisPairs(history), 100e6);
    expect(ivs.map((iv) => [iv.kind, iv.start, iv.end])).toEqual([
      ['partition', 40e6, 60e6 + 1000],
      ['pause', 45e6, 52e6 + 1000],
    ]);
    expect(ivs[1].label).toBe('pause {"targets":"one","nodes":["n2"]} … resume');
    expect(FL.faultRows(ivs)).toEqual(['partition', 'pause']);
  });

  it('joins a second start of a kind in force, lets a heal end every kind, and marks what was never healed', () => {
    const rec = (index: number, time: number, type: Op['type'], f: string, value: unknown = null): Op => ({ index, time, process: 'nemesis', type, f, value });
    const history = [
      rec(0, 10, 'invoke', 'kill'), rec(1, 11, 'ok', 'kill', { nodes: ['n1'] }),
      rec(2, 20, 'invoke', 'kill'), rec(3, 21, 'ok', 'kill', { nodes: ['n2'] }),
      rec(4, 25, 'invoke', 'start-packet'), rec(5, 26, 'ok', 'start-packet'),
      rec(6, 30, 'invoke', 'compact'), rec(7, 31, 'ok', 'compact'),
      rec(8, 40, 'invoke', 'heal-all'), rec(9, 41, 'ok', 'heal-all'),
      rec(10, 50, 'invoke', 'bump-clock'), rec(11, 51, 'ok', 'bump-clock'),
    ];
    const ivs = FL.nemesisIntervals(nemesisPairs(history), 99);
    expect(ivs.map((iv) => [iv.kind, iv.start, iv.end, iv.ops.length, iv.unhealed])).toEqual([
      ['kill', 10, 41, 6, false],
      ['packet', 25, 41, 4, false],
      ['compact', 30, 31, 2, false],
      ['clock', 50, 99, 2, true],
    ]);
    expect(ivs[0].label).toMatch(/^kill \{"nodes":\["n1"\]\}; then kill \{"nodes":\["n2"\]\} … heal-all$/);
    expect(FL.faultRows(ivs)).toEqual(['kill', 'clock', 'packet', 'compact']);
  });
});
