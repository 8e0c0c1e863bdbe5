/**
 * The pure side of the nemeses: grudge shapes, and the seeded schedule on the simulated clock —
 * same seed, same faults; each package alternates start and stop; ops are spaced by the interval;
 * the final heal emits every package's heal ops in the fixed order.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/core/generators/simulate.js';
import { onNemesis, rngFromSeed, timeLimit } from '../../src/core/generators/index.js';
import { bridge, halves, majorityRing, oneWay, parseGrudge } from '../../nemeses/grudges.js';
import { chooseNemeses, nemeses } from '../../nemeses/index.js';
import { drawGrudge } from '../../nemeses/partition.js';
import { shuffle } from '../../nemeses/select.js';
import { faultsOf, type NemesisPackage } from '../../nemeses/nemesis.js';
import { localRuntime } from '../../src/runtimes/local.js';
import { raftKvTarget } from '../../targets/raft-kv/index.js';
import { healGenerator, nemesisSchedule, type ChosenNemesis } from '../../nemeses/schedule.js';
import type { Completion, Op } from '../../src/core/op.js';

const five = ['n1', 'n2', 'n3', 'n4', 'n5'];
const choose = (...names: string[]): ChosenNemesis[] =>
  names.map((n) => {
    const pkg = nemeses[n]!.pkg as NemesisPackage;
    return { pkg, opts: pkg.optionsSchema.parse({}) };
  });

describe('grudges', () => {
  it('halves and bridge cut both ways; one-way only one way', () => {
    expect(halves(five)).toEqual({ n1: ['n3', 'n4', 'n5'], n2: ['n3', 'n4', 'n5'], n3: ['n1', 'n2'], n4: ['n1', 'n2'], n5: ['n1', 'n2'] });
    expect(bridge(five)).toEqual({ n1: ['n4', 'n5'], n2: ['n4', 'n5'], n4: ['n1', 'n2'], n5: ['n1', 'n2'] });
    expect(oneWay(['n1', 'n2', 'n3'])).toEqual({ n2: ['n1'], n3: ['n1'] });
  });

  it('majority ring: every node hears a majority, and no two the same one', () => {
    for (const nodes of [['n1', 'n2', 'n3'], five, [...five, 'n6', 'n7']]) {
      const g = majorityRing(nodes);
      const seen = nodes.map((n) => nodes.filter((x) => !g[n]!.includes(x)).sort().join());
      for (const s of seen) expect(s.split(',').length).toBe(Math.floor(nodes.length / 2) + 1);
      expect(new Set(seen).size).toBe(nodes.length);
    }
  });

  it('parses a custom grudge and names what is wrong with a bad one', () => {
    expect(parseGrudge('n1:n2+n3,n2:n1', ['n1', 'n2', 'n3'])).toEqual({ n1: ['n2', 'n3'], n2: ['n1'] });
    expect(() => parseGrudge('n1:n9', ['n1', 'n2'])).toThrow(/no node n9/);
    expect(() => parseGrudge('n1-n2')).toThrow(/expected node:other\+other/);
  });
});

describe('nemesis schedule', () => {
  const run = (seed: number, chosen: ChosenNemesis[], seconds = 60) =>
    simulate(timeLimit(seconds, onNemesis(nemesisSchedule(chosen, { interval: 5, hasLeaders: true }))), {
      concurrency: 2, nemesis: true, seed, nodes: five, latency: 1e6,
    }).filter((o) => o.type === 'invoke');

  it('is the same for the same seed and differs across seeds', () => {
    const chosen = choose('partition', 'kill', 'pause', 'clock', 'packet');
    expect(run(3, chosen)).toEqual(run(3, chosen));
    expect(JSON.stringify(run(3, chosen))).not.toEqual(JSON.stringify(run(4, chosen)));
  });

  it('alternates start and stop per package, starting one interval in, spaced by 0.5–1.5 intervals', () => {
    const ops = run(11, choose('partition', 'kill'));
    expect(ops.length).toBeGreaterThan(4);
    expect(ops[0]!.time).toBeGreaterThanOrEqual(5e9);
    const kinds = { partition: ['start-partition', 'stop-partition'], kill: ['kill', 'restart'] };
    for (const [a, b] of Object.values(kinds)) {
      const seq = ops.filter((o) => o.f === a || o.f === b).map((o) => o.f);
      seq.forEach((f, i) => expect(f).toBe(i % 2 === 0 ? a : b));
    }
    for (let i = 1; i < ops.length; i++) {
      const gap = ops[i]!.time - ops[i - 1]!.time;
      expect(gap).toBeGreaterThanOrEqual(2.5e9);
      expect(gap).toBeLessThanOrEqual(7.5e9 + 1e6);
    }
  });

  it('draws kinds in shuffled rounds: every kind starts before any kind repeats, for any seed', () => {
    const byF = new Map(Object.values(nemeses).flatMap((n) => (n.pkg ? [n.pkg.stop.f, ...n.pkg.startFs].map((f) => [f, n.name] as const) : [])));
    for (const names of [['partition', 'kill', 'pause'], ['partition', 'kill', 'pause', 'clock', 'packet'], ['kill', 'pause']]) {
      const k = names.length;
      for (let seed = 0; seed < 60; seed++) {
        const draws = run(seed, choose(...names), 150).map((o) => byF.get(o.f)!);
        expect(draws.length).toBeGreaterThanOrEqual(2 * k);
        // Each round is a permutation of the kinds: the first k draws start one of each, the next k end them.
        for (let r = 0; r + k <= draws.length; r += k) expect([...draws.slice(r, r + k)].sort(), `seed ${seed}`).toEqual([...names].sort());
      }
    }
    // The order of a round depends on the seed.
    const firsts = new Set(Array.from({ length: 20 }, (_, seed) => run(seed, choose('partition', 'kill', 'pause'))[0]!.f));
    expect(firsts.size).toBe(3);
  });

  it('pauses the whole cluster only when asked; kills it in the default draw', () => {
    const targetsOf = (name: string, opts: Record<string, string>, seed: number) => {
      const pkg = nemeses[name]!.pkg as NemesisPackage;
      const chosen = [{ pkg, opts: pkg.optionsSchema.parse(opts) }];
      return simulate(timeLimit(400, onNemesis(nemesisSchedule(chosen, { interval: 1, hasLeaders: true }))), { concurrency: 1, nemesis: true, seed, nodes: five })
        .filter((o) => o.type === 'invoke' && o.f === pkg.startFs[0])
        .map((o) => (o.value as { targets: string }).targets);
    };
    for (let seed = 0; seed < 10; seed++) {
      const paused = targetsOf('pause', {}, seed);
      expect(paused.length).toBeGreaterThan(100);
      expect(paused).not.toContain('all');
      expect(new Set(paused)).toEqual(new Set(['one', 'minority', 'majority', 'leader']));
    }
    expect(targetsOf('pause', { targets: 'one,all' }, 1)).toContain('all');
    expect(targetsOf('kill', {}, 1)).toContain('all');
  });

  it('a fault drawn at random spares nodes other faults hold down: a second kill, pause or isolated node is another node while there is one', () => {
    const three = ['n1', 'n2', 'n3'];
    const chosen = [
      { pkg: nemeses.kill!.pkg as NemesisPackage, opts: nemeses.kill!.pkg!.optionsSchema.parse({ targets: 'one' }) },
      { pkg: nemeses.pause!.pkg as NemesisPackage, opts: nemeses.pause!.pkg!.optionsSchema.parse({ targets: 'one' }) },
      { pkg: nemeses.partition!.pkg as NemesisPackage, opts: nemeses.partition!.pkg!.optionsSchema.parse({ modes: 'isolate-one' }) },
    ];
    let overlaps = 0;
    for (let seed = 0; seed < 40; seed++) {
      const ops = simulate(timeLimit(120, onNemesis(nemesisSchedule(chosen, { interval: 5, hasLeaders: true }))), { concurrency: 1, nemesis: true, seed, nodes: three, latency: 1e6 })
        .filter((o) => o.type === 'invoke');
      const down = new Map<string, string>(); // package → the node it holds down
      for (const o of ops) {
        const v = o.value as { nodes?: string[]; grudge?: Record<string, string[]> } | null;
        const picked = o.f === 'kill' || o.f === 'pause' ? v!.nodes![0]! : o.f === 'start-partition' ? Object.keys(v!.grudge!).find((n) => v!.grudge![n]!.length === 2)! : undefined;
        if (picked !== undefined) {
          const others = [...down].filter(([k]) => k !== o.f).map(([, n]) => n);
          if (others.length > 0) overlaps++;
          expect(others, `seed ${seed}: ${o.f} of ${picked} while ${others.join(', ')} held down`).not.toContain(picked);
        }
        if (o.f === 'kill' || o.f === 'pause') down.set(o.f, v!.nodes![0]!);
        if (o.f === 'restart') down.delete('kill');
        if (o.f === 'resume') down.delete('pause');
      }
    }
    expect(overlaps, 'faults drawn while another held a node down').toBeGreaterThan(20);
  });

  it('a node a leader fault named only in its completion is held down too: a pause drawn after a leader kill spares the dead leader', () => {
    const three = ['n1', 'n2', 'n3'];
    const chosen = [
      { pkg: nemeses.kill!.pkg as NemesisPackage, opts: nemeses.kill!.pkg!.optionsSchema.parse({ targets: 'leader' }) },
      { pkg: nemeses.pause!.pkg as NemesisPackage, opts: nemeses.pause!.pkg!.optionsSchema.parse({ targets: 'one' }) },
    ];
    // The leader is resolved when the kill runs: its completion names it, as the real package's does.
    const complete = (o: Op): Completion => (o.f === 'kill' ? { type: 'ok', value: { targets: 'leader', nodes: ['n2'] } } : { type: 'ok' });
    let checked = 0;
    for (let seed = 0; seed < 40; seed++) {
      const ops = simulate(timeLimit(120, onNemesis(nemesisSchedule(chosen, { interval: 5, hasLeaders: true }))), { concurrency: 1, nemesis: true, seed, nodes: three, latency: 1e6, complete })
        .filter((o) => o.type === 'invoke');
      let killed = false;
      for (const o of ops) {
        if (o.f === 'kill') killed = true;
        if (o.f === 'restart') killed = false;
        if (o.f === 'pause' && killed) {
          checked++;
          expect((o.value as { nodes: string[] }).nodes, `seed ${seed}: pause while the killed leader n2 was down`).not.toContain('n2');
        }
      }
    }
    expect(checked, 'pauses drawn while the leader was down').toBeGreaterThan(20);
  });

  it('a bridge puts a node held down in the middle, so that the live sides are cut from each other; with none down, the same draw as before', () => {
    for (const nodes of [['n1', 'n2', 'n3'], five]) {
      let moved = 0;
      for (let seed = 0; seed < 40; seed++) {
        const rng = rngFromSeed(seed);
        const [plain] = drawGrudge(rng, 'bridge', nodes);
        expect(plain, `seed ${seed}: no node down`).toEqual(bridge(shuffle(rng, nodes)[0]));
        for (const dead of nodes) {
          const [g] = drawGrudge(rng, 'bridge', nodes, undefined, [dead]);
          const sides = Object.keys(g);
          expect(sides, `seed ${seed}: ${dead} down`).not.toContain(dead); // the bridge is the one node with no grudge
          expect(sides.length, `seed ${seed}: every node but the bridge is on a side`).toBe(nodes.length - 1);
          if (Object.keys(plain).includes(dead)) moved++;
        }
      }
      expect(moved, 'draws whose dead node the plain bridge put on a side').toBeGreaterThan(20);
    }
  });

  it('final heal: partitions first, then resume, restart, power back, clocks, links', () => {
    const ops = simulate(onNemesis(healGenerator(choose('packet', 'power-loss', 'kill', 'clock', 'pause', 'partition'))), {
      concurrency: 1, nemesis: true, nodes: five,
    }).filter((o) => o.type === 'invoke');
    expect(ops.map((o) => o.f)).toEqual(['stop-partition', 'resume', 'restart', 'stop-power-loss', 'reset-clock', 'stop-packet']);
  });
});

describe('leader-targeted faults', () => {
  const leaderless = { name: 'plain' } as never;
  it('are refused before the run for a target that cannot say who leads', () => {
    const clock = nemeses.clock!.pkg as NemesisPackage;
    const partition = nemeses.partition!.pkg as NemesisPackage;
    expect(clock.refuse?.({ target: leaderless, opts: clock.optionsSchema.parse({ targets: 'leader' }), nodes: five })).toBe(
      'nemesis clock: target plain cannot say which node leads, so targets=leader is not possible',
    );
    expect(partition.refuse?.({ target: leaderless, opts: partition.optionsSchema.parse({ modes: 'isolate-leader' }), nodes: five })).toBe(
      'nemesis partition: target plain cannot say which node leads, so mode isolate-leader is not possible',
    );
  });

  it('leave isolate-leader out of the default shapes for a target that cannot say who leads, instead of refusing partitions', () => {
    const partition = nemeses.partition!.pkg as NemesisPackage;
    expect(partition.refuse?.({ target: leaderless, opts: partition.optionsSchema.parse({}), nodes: five })).toBeUndefined();
  });

  it('refuse a leader clock step without isolate-leader, or on a target whose clock cannot be skewed', () => {
    const partition = nemeses.partition!.pkg as NemesisPackage;
    const skewable = { name: 'skewable', leaders: async () => [], clockSkew: 'offset-file' } as never;
    const parse = (o: Record<string, string>) => partition.optionsSchema.parse(o);
    expect(partition.refuse?.({ target: skewable, opts: parse({ modes: 'halves,bridge', 'leader-clock-ms': '-1000' }), nodes: five })).toBe(
      'nemesis partition: leader-clock-ms needs mode isolate-leader (--nemesis-opt partition.modes=isolate-leader)',
    );
    const fixed = { name: 'fixed', leaders: async () => [] } as never;
    expect(partition.refuse?.({ target: fixed, opts: parse({ modes: 'isolate-leader', 'leader-clock-ms': '-1000' }), nodes: five })).toBe(
      "nemesis partition: leader-clock-ms needs a target whose clock can be skewed; fixed's cannot",
    );
    expect(partition.refuse?.({ target: skewable, opts: parse({ modes: 'isolate-leader', 'leader-clock-ms': '-1000' }), nodes: five })).toBeUndefined();
    expect(partition.refuse?.({ target: skewable, opts: parse({ modes: 'isolate-leader', 'leader-clock': 'strobe' }), nodes: five })).toBe(
      'nemesis partition: leader-clock=strobe needs the amount to strobe by (--nemesis-opt partition.leader-clock-ms=-3000)',
    );
    // Without `modes`, every shape is drawn, isolate-leader among them: accepted.
    expect(partition.refuse?.({ target: skewable, opts: parse({ 'leader-clock-ms': '-1000' }), nodes: five })).toBeUndefined();
  });

  it('are drawn only when the target can say who leads', () => {
    const ops = (hasLeaders: boolean) =>
      simulate(timeLimit(200, onNemesis(nemesisSchedule(choose('partition'), { interval: 1, hasLeaders }))), { concurrency: 1, nemesis: true, seed: 3 })
        .filter((op) => op.type === 'invoke' && op.f === 'start-partition')
        .map((op) => (op.value as { mode: string }).mode);
    expect(ops(false).length).toBeGreaterThan(20);
    expect(ops(false)).not.toContain('isolate-leader');
    expect(ops(true)).toContain('isolate-leader');
  });
});

describe('clock direction', () => {
  it('moves clocks only back, or only forward, when asked', () => {
    const clock = nemeses.clock!.pkg as NemesisPackage;
    const deltas = (direction: string) =>
      simulate(timeLimit(100, onNemesis(nemesisSchedule([{ pkg: clock, opts: clock.optionsSchema.parse({ modes: 'bump,strobe', direction }) }], { interval: 1, hasLeaders: false }))), {
        concurrency: 1,
        nemesis: true,
        seed: 9,
      })
        .filter((op) => op.type === 'invoke' && (op.f === 'bump-clock' || op.f === 'strobe-clock'))
        .map((op) => (op.value as { deltaMs: number }).deltaMs);
    expect(deltas('back').length).toBeGreaterThan(10);
    expect(deltas('back').every((d) => d <= -100)).toBe(true);
    expect(deltas('forward').every((d) => d >= 100)).toBe(true);
    const both = deltas('both');
    expect(both.some((d) => d < 0) && both.some((d) => d > 0)).toBe(true);
  });
});

describe('partitions of clients', () => {
  it('partition.clients=true asks the runtime for client-link cuts, and a runtime that cannot is refused', () => {
    const base = { names: ['partition'], runtime: localRuntime, target: raftKvTarget, nodes: ['n1', 'n2', 'n3'] };
    const plain = chooseNemeses({ ...base, opts: {} }).chosen[0]!;
    expect(faultsOf(plain.pkg, plain.opts)).toEqual(['partition']);
    const withClients = chooseNemeses({ ...base, opts: { 'partition.clients': 'true' } }).chosen[0]!;
    expect(faultsOf(withClients.pkg, withClients.opts)).toEqual(['partition', 'partition-clients']);
    const noClientCuts = { ...localRuntime, name: 'peers-only', unsupported: (f: string) => (f === 'partition-clients' ? 'cannot reach client links' : undefined) };
    expect(() => chooseNemeses({ ...base, runtime: noClientCuts as never, opts: { 'partition.clients': 'yes' } })).toThrow(
      'nemesis partition: cannot reach client links',
    );
  });

  it('partition.leader-clock-ms asks the runtime for clock skew too, so a runtime that cannot is refused up front', () => {
    const base = { names: ['partition'], runtime: localRuntime, target: raftKvTarget, nodes: ['n1', 'n2', 'n3'] };
    const opts = { 'partition.modes': 'isolate-leader', 'partition.leader-clock-ms': '-3000' };
    const chosen = chooseNemeses({ ...base, opts }).chosen[0]!;
    expect(faultsOf(chosen.pkg, chosen.opts)).toEqual(['partition', 'clock']);
    const noClocks = { ...localRuntime, name: 'no-clocks', unsupported: (f: string) => (f === 'clock' ? 'cannot skew clocks here' : undefined) };
    expect(() => chooseNemeses({ ...base, runtime: noClocks as never, opts })).toThrow('nemesis partition: cannot skew clocks here');
  });
});

describe('packet modes and the runtime', () => {
  const base = { names: ['packet'], runtime: localRuntime, nodes: ['n1', 'n2', 'n3'] };
  const unframed = { ...raftKvTarget, name: 'unframed', peerFraming: undefined };

  it('a mode named in packet.modes that the runtime cannot apply to the target is refused up front, saying why', () => {
    expect(() => chooseNemeses({ ...base, target: unframed, opts: { 'packet.modes': 'loss' } })).toThrow(
      "nemesis packet: the local runtime's link proxies apply loss to whole messages, and target unframed's peer traffic is not message-framed; use --nemesis-opt packet.modes=delay,bandwidth",
    );
    expect(() => chooseNemeses({ ...base, target: unframed, opts: { 'packet.modes': 'delay,bandwidth' } })).not.toThrow();
    const chosen = chooseNemeses({ ...base, target: raftKvTarget, opts: { 'packet.modes': 'loss,duplicate' } }).chosen[0]!;
    expect(faultsOf(chosen.pkg, chosen.opts)).toEqual(['link', 'link-loss', 'link-duplicate']);
  });

  it('without packet.modes, draws only the modes the runtime can apply', () => {
    const pkg = nemeses.packet!.pkg as NemesisPackage;
    const opts = pkg.optionsSchema.parse({});
    const draw = (faults: string[]) => {
      let rng = rngFromSeed(5);
      const modes = new Set<string>();
      for (let i = 0; i < 100; i++) {
        const [t, r] = pkg.start(rng, { nodes: five, hasLeaders: true, faults: faults as never }, opts);
        rng = r;
        modes.add((t.value as { mode: string }).mode);
      }
      return [...modes].sort();
    };
    expect(draw(['link', 'link-loss'])).toEqual(['loss']);
    expect(draw(['link', 'link-delay', 'link-bandwidth'])).toEqual(['bandwidth', 'delay']);
    expect(draw(['link', 'link-delay', 'link-loss', 'link-duplicate', 'link-bandwidth'])).toEqual(['bandwidth', 'delay', 'duplicate', 'loss']);
  });
});

describe('how a package is read back from a history', () => {
  it('every op a package starts a fault with is one of its startFs, and only kill, pause and power-loss take nodes down (kill and power-loss bring them back afresh)', () => {
    const env = { nodes: five, hasLeaders: true, framedLinks: true };
    for (const [name, info] of Object.entries(nemeses)) {
      const pkg = info.pkg;
      if (!pkg) continue;
      const opts = pkg.optionsSchema.parse({});
      let rng = rngFromSeed(1);
      const seen = new Set<string>();
      for (let i = 0; i < 200; i++) {
        const [t, r] = pkg.start(rng, env, opts);
        rng = r;
        seen.add(t.f);
      }
      expect([...seen].sort(), name).toEqual([...pkg.startFs].sort());
      expect(pkg.startFs, name).not.toContain(pkg.stop.f);
      expect(pkg.downsNodes === true, name).toBe(name === 'kill' || name === 'pause' || name === 'power-loss');
      expect(pkg.restartsNodes === true, name).toBe(name === 'kill' || name === 'power-loss');
    }
  });
});
