/**
 * Leader-targeted faults when nobody leads (leader-lookup.ts): the op waits for a leader up to 2 s,
 * asking the target again meanwhile, then hits another node and records the fallback, instead of
 * failing "no leader found" (which left that fault kind out of short runs). The target's leader lookup
 * is a fake answering from a script; the cluster records the fault calls it receives.
 */
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import type { Op } from '../../src/core/op.js';
import type { Target } from '../../src/core/target.js';
import type { Cluster } from '../../src/runtimes/runtime.js';
import { nemeses } from '../../nemeses/index.js';
import { LEADER_WAIT, awaitLeaders, leaderFinder } from '../../nemeses/leader-lookup.js';
import type { NemesisContext, NemesisPackage } from '../../nemeses/nemesis.js';

const NODES = ['n1', 'n2', 'n3'];

/** A cluster recording the faults asked of it, and a target whose leader lookup answers `answers` in turn (the last one from then on). */
function setup(answers: string[][]) {
  const calls: string[] = [];
  const offsets: Record<string, number> = {};
  const cluster = {
    plan: {},
    nodes: NODES.map((name, i) => ({ name, host: '127.0.0.1', clientPort: 1000 + i })),
    teardown: async () => {},
    kill: async (n: string) => void calls.push(`kill ${n}`),
    restart: async (n: string) => void calls.push(`restart ${n}`),
    pause: async (n: string) => void calls.push(`pause ${n}`),
    resume: async (n: string) => void calls.push(`resume ${n}`),
    partition: async (g: unknown) => void calls.push(`partition ${JSON.stringify(g)}`),
    healPartition: async () => void calls.push('heal'),
    setClockOffset: async (n: string, ms: number) => void (offsets[n] = ms),
    clockOffsets: () => ({ ...offsets }),
    resetClocks: async () => {},
  } as unknown as Cluster;
  let asked = 0;
  const target = { name: 'fake', leaders: async () => answers[Math.min(asked++, answers.length - 1)]! } as unknown as Target<any>;
  const ctx: NemesisContext = { cluster, target, targetOpts: {}, logger: silentLogger };
  return { ctx, calls, asked: () => asked };
}

function create(name: string, ctx: NemesisContext, o: Record<string, string> = {}) {
  const pkg = nemeses[name]!.pkg as NemesisPackage;
  return pkg.create(ctx, pkg.optionsSchema.parse(o));
}

const op = (f: string, value: unknown): Op => ({ index: 0, time: 0, process: 'nemesis', type: 'invoke', f, value });

describe('leader-targeted faults with no leader', () => {
  it('kill and pause targets=leader wait for a leader, then hit a node they are not holding down, and say so', async () => {
    const { ctx, calls, asked } = setup([[]]);
    const kill = create('kill', ctx);
    const first = await kill.invoke(op('kill', { targets: 'leader' }));
    expect(first).toMatchObject({ type: 'ok', value: { targets: 'leader', nodes: ['n1'], fallback: { reason: 'no leader', node: 'n1' } } });
    expect((first.value as any).fallback.waitedMs).toBeGreaterThanOrEqual(LEADER_WAIT.waitMs);
    expect(asked()).toBeGreaterThan(1); // it asked again while waiting
    const second = await kill.invoke(op('kill', { targets: 'leader' }));
    expect(second).toMatchObject({ type: 'ok', value: { nodes: ['n2'], fallback: { node: 'n2' } } }); // n1 is already down
    const pause = await create('pause', ctx).invoke(op('pause', { targets: 'leader' }));
    expect(pause).toMatchObject({ type: 'ok', value: { nodes: ['n1'], fallback: { reason: 'no leader' } } });
    expect(calls).toEqual(['kill n1', 'kill n2', 'pause n1']);
  });

  it('partition isolate-leader isolates another node, and clock targets=leader bumps one', async () => {
    const { ctx, calls } = setup([[]]);
    const part = await create('partition', ctx, { modes: 'isolate-leader' }).invoke(op('start-partition', { mode: 'isolate-leader', grudge: {} }));
    expect(part).toMatchObject({ type: 'ok', value: { mode: 'isolate-leader', grudge: { n1: ['n2', 'n3'], n2: ['n1'], n3: ['n1'] }, fallback: { reason: 'no leader', node: 'n1' } } });
    expect(calls).toHaveLength(1);
    const clock = await create('clock', ctx, { targets: 'leader' }).invoke(op('bump-clock', { nodes: 'leader', deltaMs: 500 }));
    expect(clock).toMatchObject({ type: 'ok', value: { nodes: ['n1'], deltaMs: 500, offsets: { n1: 500 }, fallback: { node: 'n1' } } });
  });

  it('a leader elected during the wait is hit, with no fallback', async () => {
    const { ctx, calls } = setup([[], [], ['n3']]);
    const c = await create('kill', ctx).invoke(op('kill', { targets: 'leader' }));
    expect(c).toEqual({ type: 'ok', value: { targets: 'leader', nodes: ['n3'] } });
    expect(calls).toEqual(['kill n3']);
  });

  it('the finder falls back after waitMs even when the lookup never answers anything', async () => {
    const { ctx } = setup([[]]);
    const found = await leaderFinder(ctx, { waitMs: 100, pollMs: 20 }).find(new Set(['n1', 'n2', 'n3']));
    expect(found).toMatchObject({ nodes: ['n1'], fallback: { reason: 'no leader', node: 'n1' } }); // all avoided: the first in turn
  });
});

describe('awaitLeaders (the stale-leader episode waits with it, without a fallback)', () => {
  it('asks again while nobody leads and returns the leader once one is named', async () => {
    const { ctx, asked } = setup([[], [], [], ['n2']]);
    expect(await awaitLeaders(ctx, { waitMs: 5_000, pollMs: 10 })).toEqual(['n2']);
    expect(asked()).toBe(4);
  });

  it('gives up with no leader after waitMs, and at once when aborted', async () => {
    const { ctx } = setup([[]]);
    const t0 = Date.now();
    expect(await awaitLeaders(ctx, { waitMs: 100, pollMs: 10 })).toEqual([]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(100);
    const aborted = setup([[]]);
    expect(await awaitLeaders(aborted.ctx, { waitMs: 60_000, pollMs: 10 }, AbortSignal.abort())).toEqual([]);
    expect(aborted.asked()).toBe(1);
  });

  it('lets a stale-leader episode begin when the leader is named late (before, it failed "no leader found")', async () => {
    const { ctx } = setup([[], [], ['n3']]);
    const pkg = nemeses['stale-leader']!.pkg as NemesisPackage;
    const episode = pkg.create(ctx, pkg.optionsSchema.parse({ acts: 'pause-cut', 'pause-ms': '100', cut: 'false', 'clock-back-ms': '0' }));
    const done = await episode.invoke(op('start-stale-leader', pkg.start(null as never, { nodes: NODES, hasLeaders: true }, pkg.optionsSchema.parse({ acts: 'pause-cut', 'pause-ms': '100', cut: 'false', 'clock-back-ms': '0' }))[0].value));
    expect(done).toMatchObject({ type: 'ok', value: { acts: [{ act: 'pause-cut', node: 'n3' }] } });
  });
});
