/**
 * The faults that run alone (stale-leader, power-loss) in the seeded schedule, on the simulated clock:
 * the exact ops a seed gives; the cycle (a round of the other kinds starting, a round ending them,
 * then each lone kind started and stopped with nothing else in force) for any seed; what each lone
 * kind draws by default; and how the stale-leader nemesis adapts to what the runtime can do, in the
 * default mix and when named.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/core/generators/simulate.js';
import { onNemesis, timeLimit } from '../../src/core/generators/index.js';
import { applicableDefaults, chooseNemeses, nemeses } from '../../nemeses/index.js';
import { faultTracker } from '../../nemeses/fault-tracker.js';
import { faultsOf, type NemesisPackage } from '../../nemeses/nemesis.js';
import { nemesisSchedule, type ChosenNemesis } from '../../nemeses/schedule.js';
import { localRuntime } from '../../src/runtimes/local.js';
import { powerLossUnavailable } from '../../src/runtimes/powerloss-fs.js';
import { etcdTarget } from '../../targets/etcd/index.js';
import { raftKvTarget } from '../../targets/raft-kv/index.js';

const three = ['n1', 'n2', 'n3'];
const choose = (...names: string[]): ChosenNemesis[] =>
  names.map((n) => {
    const pkg = nemeses[n]!.pkg as NemesisPackage;
    return { pkg, opts: pkg.optionsSchema.parse({}) };
  });
const schedule = (chosen: ChosenNemesis[], seed: number, seconds = 60, interval = 5) =>
  simulate(timeLimit(seconds, onNemesis(nemesisSchedule(chosen, { interval, hasLeaders: true }))), { concurrency: 1, nemesis: true, seed, nodes: three, latency: 1e6 });
const invokes = (ops: ReturnType<typeof schedule>) => ops.filter((o) => o.type === 'invoke');

const EPISODE = { acts: ['pause-cut', 'cut-after-write'], pauseMs: 3000, cut: true, clockBackMs: 4000, afterWriteMs: 2000, holdMs: 1000, cutAttempts: 4 };

describe('lone faults in the schedule', () => {
  it('emits, for seed 4, a kill round, a restart round, then a power loss and a stale-leader episode each started and stopped, and again', () => {
    const ops = invokes(schedule(choose('kill', 'stale-leader', 'power-loss'), 4)).map((o) => [o.f, o.value]);
    expect(ops).toEqual([
      ['kill', { targets: 'all', nodes: three }],
      ['restart', null],
      ['start-power-loss', { targets: 'all', nodes: three }],
      ['stop-power-loss', null],
      ['start-stale-leader', EPISODE],
      ['stop-stale-leader', null],
      ['kill', { targets: 'majority', nodes: ['n2', 'n3'] }],
      ['restart', null],
      ['start-power-loss', { targets: 'all', nodes: three }],
      ['stop-power-loss', null],
      ['start-stale-leader', EPISODE],
      ['stop-stale-leader', null],
      ['kill', { targets: 'minority', nodes: ['n3'] }],
    ]);
    // A lone fault starts as soon as the op before it completed; the others wait [0.5, 1.5) intervals.
    const ops4 = invokes(schedule(choose('kill', 'stale-leader', 'power-loss'), 4));
    ops4.forEach((o, i) => {
      if (i === 0) return;
      const gap = (o.time - ops4[i - 1]!.time) / 1e9;
      if (o.f.startsWith('start-')) expect(gap, `${o.f} at ${i}`).toBeLessThan(0.01);
      else expect(gap, `${o.f} at ${i}`).toBeGreaterThanOrEqual(2.5);
    });
    expect(invokes(schedule(choose('kill', 'stale-leader', 'power-loss'), 4))).toEqual(invokes(schedule(choose('kill', 'stale-leader', 'power-loss'), 4)));
  });

  it('cycles: the others start in a shuffled round and end in another, then each lone kind starts and stops alone', () => {
    const byF = new Map(Object.values(nemeses).flatMap((n) => (n.pkg ? [n.pkg.stop.f, ...n.pkg.startFs].map((f) => [f, n.name] as const) : [])));
    const sets = [['partition', 'kill', 'pause', 'stale-leader', 'power-loss'], ['kill', 'power-loss'], ['stale-leader', 'power-loss'], ['stale-leader']];
    for (const names of sets) {
      const lone = names.filter((n) => nemeses[n]!.pkg!.alone);
      const others = names.filter((n) => !lone.includes(n));
      const cycle = 2 * others.length + 2 * lone.length;
      for (let seed = 0; seed < 30; seed++) {
        const ops = schedule(choose(...names), seed, 400, 2);
        const draws = invokes(ops).map((o) => byF.get(o.f)!);
        expect(draws.length).toBeGreaterThanOrEqual(2 * cycle);
        for (let c = 0; c + cycle <= draws.length; c += cycle) {
          const d = draws.slice(c, c + cycle);
          const k = others.length;
          expect([...d.slice(0, k)].sort(), `seed ${seed}`).toEqual([...others].sort());
          expect([...d.slice(k, 2 * k)].sort(), `seed ${seed}`).toEqual([...others].sort());
          const pairs = d.slice(2 * k);
          for (let i = 0; i < pairs.length; i += 2) expect(pairs[i + 1], `seed ${seed}: ${pairs[i]} stops before another starts`).toBe(pairs[i]);
          expect(pairs.filter((_, i) => i % 2 === 0).sort(), `seed ${seed}`).toEqual([...lone].sort());
        }
        // Nothing else is in force while a lone fault is.
        const tracker = faultTracker(choose(...names).map((c) => c.pkg));
        for (const op of ops) {
          if (op.type === 'invoke' && lone.includes(byF.get(op.f)!) && nemeses[byF.get(op.f)!]!.pkg!.startFs.includes(op.f)) expect(tracker.active(), `seed ${seed}`).toEqual([]);
          tracker.record(op);
        }
      }
    }
    // The lone kinds go short ones first (LONE_ORDER) in every cycle, whatever the seed and the order they were named in.
    for (let seed = 0; seed < 20; seed++) {
      for (const names of [['kill', 'stale-leader', 'power-loss'], ['power-loss', 'kill', 'stale-leader']]) {
        const fs = invokes(schedule(choose(...names), seed, 200)).map((o) => o.f).filter((f) => f === 'start-power-loss' || f === 'start-stale-leader');
        expect(fs.length, `seed ${seed}`).toBeGreaterThanOrEqual(4);
        fs.forEach((f, i) => expect(f, `seed ${seed}, lone start ${i}`).toBe(i % 2 === 0 ? 'start-power-loss' : 'start-stale-leader'));
      }
    }
  });

  it('power loss hits every node unless targets names others', () => {
    const draws = (opts: Record<string, string>) => {
      const pkg = nemeses['power-loss']!.pkg as NemesisPackage;
      return invokes(schedule([{ pkg, opts: pkg.optionsSchema.parse(opts) }], 1, 400, 1))
        .filter((o) => o.f === 'start-power-loss')
        .map((o) => (o.value as { targets: string }).targets);
    };
    expect(draws({}).length).toBeGreaterThan(50);
    expect(new Set(draws({}))).toEqual(new Set(['all']));
    expect(new Set(draws({ targets: 'one,majority' }))).toEqual(new Set(['one', 'majority']));
  });
});

describe('stale-leader adapts to the runtime', () => {
  const base = { names: ['stale-leader'], opts: {}, runtime: localRuntime, nodes: three };

  it('on raft-kv (local): cuts and moves the clock, so it asks the runtime for partitions and clock skew', () => {
    const [c] = chooseNemeses({ ...base, target: raftKvTarget }).chosen;
    expect(faultsOf(c!.pkg, c!.opts)).toEqual(['pause', 'partition', 'clock']);
    expect(c!.pkg.start(null as never, { nodes: three, hasLeaders: true }, c!.opts)[0]).toEqual({ f: 'start-stale-leader', value: EPISODE });
  });

  it('on etcd (local: no per-link cut, no clock skew): only pauses; named with cut=true it is refused naming why', () => {
    const [c] = chooseNemeses({ ...base, target: etcdTarget }).chosen;
    expect(faultsOf(c!.pkg, c!.opts)).toEqual(['pause']);
    expect(c!.pkg.start(null as never, { nodes: three, hasLeaders: true }, c!.opts)[0].value).toMatchObject({ cut: false, clockBackMs: 0 });
    expect(() => chooseNemeses({ ...base, target: etcdTarget, opts: { 'stale-leader.cut': 'true' } })).toThrow(/^nemesis stale-leader: target etcd takes one shared peer list/);
  });

  it('is in the default mix where the target can say who leads, and left out with a note where it cannot', () => {
    const powerLoss = powerLossUnavailable() === undefined ? ['power-loss'] : [];
    expect(applicableDefaults(localRuntime, raftKvTarget).names).toEqual(['partition', 'kill', 'pause', 'stale-leader', ...powerLoss]);
    expect(applicableDefaults(localRuntime, etcdTarget).names).toEqual(['kill', 'pause', 'stale-leader', ...powerLoss]);
    const leaderless = { ...raftKvTarget, name: 'leaderless', leaders: undefined };
    const d = applicableDefaults(localRuntime, leaderless);
    expect(d.names).not.toContain('stale-leader');
    expect(d.skipped).toContain('nemesis stale-leader left out of the default: target leaderless cannot say which node leads, so there is no leader to stop');
  });

  it('is left out, and leader-targeted faults refused up front, when the target\'s configuration has no leader', () => {
    const leaderless = { replication: 'leaderless' };
    const d = applicableDefaults(localRuntime, raftKvTarget, three, undefined, leaderless);
    expect(d.names).toContain('partition');
    expect(d.names).not.toContain('stale-leader');
    expect(d.skipped).toContain('nemesis stale-leader left out of the default: target raft-kv has no leader in this configuration (every node takes writes), so there is no leader to stop');
    const ask = (names: string[], opts: Record<string, string>) => () => chooseNemeses({ names, opts, runtime: localRuntime, target: raftKvTarget, targetOpts: raftKvTarget.optionsSchema.parse(leaderless), nodes: three });
    expect(ask(['kill'], { 'kill.targets': 'leader' })).toThrow('nemesis kill: target raft-kv has no leader in this configuration (every node takes writes), so targets=leader is not possible');
    expect(ask(['partition'], { 'partition.modes': 'isolate-leader' })).toThrow(/^nemesis partition: target raft-kv has no leader in this configuration/);
    expect(ask(['clock'], { 'clock.targets': 'leader' })).toThrow(/^nemesis clock: target raft-kv has no leader/);
    // Without targets=leader, and with the raft configuration, nothing is refused.
    expect(ask(['kill', 'partition'], {})().chosen).toHaveLength(2);
    expect(chooseNemeses({ names: ['kill'], opts: { 'kill.targets': 'leader' }, runtime: localRuntime, target: raftKvTarget, targetOpts: raftKvTarget.optionsSchema.parse({}), nodes: three }).chosen).toHaveLength(1);
  });
});
