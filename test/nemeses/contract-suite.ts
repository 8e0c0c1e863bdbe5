/**
 * The nemesis contract, against a real 3-node raft-kv cluster on every runtime
 * (test/support/runtimes-under-test.ts): every nemesis's fault really happens — a partitioned pair
 * exchanges no traffic (the runtime's own link counters: link-proxy messages, kernel packets), a
 * paused node answers nothing, a killed node's port is closed, a bumped clock is seen by the target, a
 * lossy link drops traffic — and after its stop op (and again after `heal`) the cluster serves
 * writes. A fault a runtime cannot apply is refused up front, in one line; the suite checks the
 * refusal instead. A runtime that counts no link traffic of its own (external: it did not make the
 * network) is checked through the counters its fixture reads from the network it made. Runs on the
 * compiled dist/ (npm test builds first). Every node is stopped after each test, pass or fail. One
 * test file per runtime (contract-<runtime>.test.ts) calls it, so the runtimes' suites run in
 * parallel.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import type { Op, OpTemplate } from '../../src/core/op.js';
import type { NodeRef } from '../../src/core/target.js';
import {
  canFaultLinks,
  canSkewClocks,
  faultRefusal,
  hasClientView,
  hasLinkStats,
  type Cluster,
  type FaultKind,
  type LinkStatsAbility,
} from '../../src/runtimes/runtime.js';
import { nemeses } from '../../nemeses/index.js';
import type { Nemesis, NemesisPackage } from '../../nemeses/nemesis.js';
import { KvClient } from '../../targets/raft-kv/client/kv-client.js';
import { nodeStatus, raftKvTarget } from '../../targets/raft-kv/index.js';
import { raftKvOptionsSchema } from '../../targets/raft-kv/options.js';
import { describeWith } from '../support/facility.js';
import { portClosed } from '../support/ports.js';
import { killAlive, recordedNodePids } from '../support/processes.js';
import type { RuntimeUnderTest } from '../support/runtimes-under-test.js';

const opts = raftKvOptionsSchema.parse({});

/** The contract suite against `rut`'s runtime (skipped, with the reason, where it cannot run). */
export function nemesisContract({ runtime, facilities, fixture }: RuntimeUnderTest): void {
  describeWith(facilities, `nemesis contract on raft-kv (${runtime.name} runtime)`, () => {
    let dir: string;
    let cluster: Cluster | undefined;
    const clients: KvClient[] = [];
    let made: Awaited<ReturnType<NonNullable<typeof fixture>>> | undefined;

    beforeAll(async () => {
      made = await fixture?.();
    }, 60_000);
    afterAll(async () => {
      await made?.down();
    }, 60_000);

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'faultline-nemesis-'));
    });
    afterEach(async () => {
      for (const c of clients.splice(0)) c.close();
      await cluster?.teardown();
      cluster = undefined;
      if (existsSync(join(dir, 'pids.json'))) killAlive(recordedNodePids(dir)); // gone already, as they should be (no record: a refused fault started nothing)
      rmSync(dir, { recursive: true, force: true });
    });

    const refusal = (fault: FaultKind) => faultRefusal(runtime, fault, raftKvTarget, made?.options);

    async function start(faults?: FaultKind[]): Promise<Cluster> {
      cluster = await runtime.setup(raftKvTarget, opts, 3, { runDir: dir, logger: silentLogger, seed: 7, ...(faults ? { faults } : {}), ...(made ? { options: made.options } : {}) });
      return cluster;
    }

    /**
     * The cluster's link counters: every runtime that partitions must count its links, or (a runtime
     * that did not make the network) its fixture must, from the network it made.
     */
    function stats(c: Cluster): LinkStatsAbility {
      if (hasLinkStats(c)) return c;
      const counted = made?.linkStats;
      expect(counted, `${runtime.name} counts link traffic, or its fixture does`).toBeDefined();
      return { linkStats: counted! };
    }

    /** Asserts that `fault` is refused up front, in one line naming the runtime. */
    function expectRefused(fault: FaultKind, why = refusal(fault)): void {
      expect(why, `${runtime.name} refuses ${fault}`).toMatch(/^[^\n]+$/);
      expect(why).toContain(runtime.name);
    }

    function nemesisOf(name: string, c: Cluster, o: Record<string, string> = {}): Nemesis {
      const pkg = nemeses[name]!.pkg as NemesisPackage;
      return pkg.create({ cluster: c, target: raftKvTarget, targetOpts: opts, logger: silentLogger }, pkg.optionsSchema.parse(o));
    }

    let index = 0;
    async function run(n: Nemesis, t: OpTemplate) {
      const op: Op = { index: index++, time: 0, process: 'nemesis', type: 'invoke', f: t.f, value: t.value ?? null };
      const c = await n.invoke(op);
      expect(c, JSON.stringify(c)).toMatchObject({ type: 'ok' });
      return c.value as Record<string, any>;
    }

    /** Bounded polling; fails naming what never happened. */
    async function until(cond: () => boolean | Promise<boolean>, what: string, tries = 300): Promise<void> {
      for (let i = 0; i < tries; i++) {
        if (await cond()) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`never happened: ${what}`);
    }

    async function servesWrites(c: Cluster, value: number): Promise<void> {
      const kv = new KvClient(c.nodes, c.nodes[value % c.nodes.length]!);
      clients.push(kv);
      expect(await kv.call({ f: 'write', key: 'contract', value }, AbortSignal.timeout(30_000))).toEqual({ type: 'ok' });
      expect(await kv.call({ f: 'read', key: 'contract' }, AbortSignal.timeout(30_000))).toEqual({ type: 'ok', value });
    }

    const node = (c: Cluster, name: string): NodeRef => c.nodes.find((n) => n.name === name)!;
    const answers = async (n: NodeRef) => (await nodeStatus(n, AbortSignal.timeout(700)).catch(() => undefined)) !== undefined;
    /** Units delivered on both directions between a and b. */
    const between = async (s: LinkStatsAbility, a: string, b: string) => (await s.linkStats(a, b)).delivered + (await s.linkStats(b, a)).delivered;

    it('partition: a partitioned pair exchanges no traffic; after heal the cluster serves writes', async () => {
      const c = await start();
      const s = stats(c);
      const n = nemesisOf('partition', c);
      const v = await run(n, { f: 'start-partition', value: { mode: 'isolate-one', grudge: { n1: ['n2', 'n3'], n2: ['n1'], n3: ['n1'] } } });
      expect(v).toMatchObject({ grudge: { n1: ['n2', 'n3'] }, cut: 'blackhole' });
      const dropped = async () => (await s.linkStats('n2', 'n1')).dropped + (await s.linkStats('n1', 'n2')).dropped;
      const d0 = await dropped();
      const before = await between(s, 'n1', 'n2');
      await until(async () => (await dropped()) > d0 + 5, 'traffic dropped on n1↔n2');
      expect(await between(s, 'n1', 'n2')).toBe(before);
      await servesWrites(c, 1); // the majority side still commits
      const n1Links = async () => (await between(s, 'n1', 'n2')) + (await between(s, 'n1', 'n3'));
      const atHeal = await n1Links();
      expect(await run(n, { f: 'stop-partition' })).toMatchObject({ healed: { n1: ['n2', 'n3'] } });
      await until(async () => (await n1Links()) > atHeal, 'n1 exchanges traffic again');
      await servesWrites(c, 2);
    });

    it('one-way partition: traffic stops on the cut direction only', async () => {
      const c = await start();
      const s = stats(c);
      // The follower f hears nothing from the leader; the leader still hears f (which campaigns once
      // the heartbeats stop reaching it), so both directions carry traffic before the cut.
      const [leader] = await raftKvTarget.leaders!(c.nodes, opts, AbortSignal.timeout(5000));
      const f = c.nodes.map((x) => x.name).find((x) => x !== leader)!;
      const n = nemesisOf('partition', c, { modes: 'custom', grudge: `${f}:${leader}` });
      await run(n, { f: 'start-partition', value: { mode: 'custom', grudge: { [f]: [leader] } } });
      const cut0 = await s.linkStats(leader!, f);
      const open0 = await s.linkStats(f, leader!);
      await until(async () => (await s.linkStats(leader!, f)).dropped > cut0.dropped + 5, `${leader}→${f} dropped`);
      await until(async () => (await s.linkStats(f, leader!)).delivered > open0.delivered + 2, `${f}→${leader} still delivered`);
      expect((await s.linkStats(leader!, f)).delivered).toBe(cut0.delivered);
      await run(n, { f: 'stop-partition' });
      await servesWrites(c, 3);
    });

    it('leader-targeted faults: a leader clock bump hits the leader; isolate-leader cuts it off and can step its clock back until heal', async () => {
      const c = await start();
      if (!canSkewClocks(c)) throw new Error(`${runtime.name} skews raft-kv's clock`);
      const [leader] = await raftKvTarget.leaders!(c.nodes, opts, AbortSignal.timeout(5000));
      const others = c.nodes.map((x) => x.name).filter((x) => x !== leader);
      const clock = await run(nemesisOf('clock', c, { targets: 'leader' }), { f: 'bump-clock', value: { nodes: 'leader', deltaMs: 700 } });
      expect(clock.nodes).toEqual([leader]);
      expect(clock.offsets[leader]).toBe(700);
      const part = nemesisOf('partition', c, { modes: 'isolate-leader', 'leader-clock-ms': '-2000' });
      const v = await run(part, { f: 'start-partition', value: { mode: 'isolate-leader', grudge: {} } });
      expect(v.grudge).toEqual({ [leader]: others, [others[0]]: [leader], [others[1]]: [leader] });
      // The combined fault also steps the isolated leader's clock back, on top of the bump above.
      expect(v.clockOffsets).toEqual({ [leader]: -1300 });
      await until(async () => (await nodeStatus(node(c, leader)))?.clockOffsetMs === -1300, 'isolated leader sees its clock stepped back');
      await servesWrites(c, 10); // the other two elect a leader and commit
      expect(await run(part, { f: 'stop-partition' })).toMatchObject({ clockRestored: { node: leader, was: 700 } });
      await until(async () => (await nodeStatus(node(c, leader)))?.clockOffsetMs === 700, 'its clock restored on heal');
    });

    it('isolate-leader with leader-clock=strobe flips the isolated leader’s clock until heal, then restores it', async () => {
      const c = await start();
      if (!canSkewClocks(c)) throw new Error(`${runtime.name} skews raft-kv's clock`);
      const [leader] = await raftKvTarget.leaders!(c.nodes, opts, AbortSignal.timeout(5000));
      const part = nemesisOf('partition', c, { modes: 'isolate-leader', 'leader-clock-ms': '-2000', 'leader-clock': 'strobe', 'leader-clock-period-ms': '150' });
      const v = await run(part, { f: 'start-partition', value: { mode: 'isolate-leader', grudge: {} } });
      expect(v.clockStrobe).toEqual({ node: leader, between: [0, -2000], periodMs: 150 });
      // The target itself sees both ends of the strobe.
      const seen = new Set<number>();
      await until(async () => {
        const st = await nodeStatus(node(c, leader!));
        if (st) seen.add(st.clockOffsetMs);
        return seen.has(0) && seen.has(-2000);
      }, 'isolated leader sees its clock flip between 0 and -2000');
      await servesWrites(c, 11);
      const healed = await run(part, { f: 'stop-partition' });
      expect(healed.clockRestored).toMatchObject({ node: leader, was: 0 });
      expect(healed.clockRestored.flips).toBeGreaterThan(2);
      expect(c.clockOffsets()[leader!] ?? 0).toBe(0);
      await until(async () => (await nodeStatus(node(c, leader!)))?.clockOffsetMs === 0, 'its clock restored on heal');
      await servesWrites(c, 12);
    });

    it('partition with clients=true: a client bound to a cut-off node loses the nodes it lost; heal gives them back (or the runtime refuses up front)', async () => {
      const why = refusal('partition-clients');
      if (why !== undefined) return expectRefused('partition-clients', why);
      const c = await start(['partition', 'partition-clients']);
      if (!hasClientView(c)) throw new Error(`${runtime.name} gives clients a view when partitions cut them`);
      const view = (home: string, to: string) => c.clientNodes(home).find((n) => n.name === to)!;
      const reaches = (home: string, to: string) => answers(view(home, to));
      expect(view('n1', 'n1')).toEqual(node(c, 'n1'));
      expect(await reaches('n1', 'n2')).toBe(true);
      const n = nemesisOf('partition', c, { modes: 'custom', grudge: 'n1:n2+n3,n2:n1,n3:n1', clients: 'true' });
      const v = await run(n, { f: 'start-partition', value: { mode: 'custom', grudge: { n1: ['n2', 'n3'], n2: ['n1'], n3: ['n1'] } } });
      expect(v).toMatchObject({ clients: true });
      expect(await reaches('n1', 'n2')).toBe(false);
      expect(await reaches('n1', 'n3')).toBe(false);
      expect(await reaches('n2', 'n1')).toBe(false);
      expect(await reaches('n1', 'n1')).toBe(true); // its own node, on its side
      expect(await reaches('n2', 'n3')).toBe(true); // the majority side reaches itself
      const kv = new KvClient(c.clientNodes('n2'), node(c, 'n2'));
      clients.push(kv);
      expect(await kv.call({ f: 'write', key: 'contract', value: 21 }, AbortSignal.timeout(30_000))).toEqual({ type: 'ok' });
      await run(n, { f: 'stop-partition' });
      await until(() => reaches('n1', 'n2'), 'a client bound to n1 reaches n2 again');
      await servesWrites(c, 22);
    });

    it('kill: a killed node’s port is closed; restart brings it back with its data', async () => {
      const c = await start();
      const n = nemesisOf('kill', c);
      const [leader] = await raftKvTarget.leaders!(c.nodes, opts, AbortSignal.timeout(5_000));
      const v = await run(n, { f: 'kill', value: { targets: 'leader' } });
      expect(v).toEqual({ targets: 'leader', nodes: [leader] });
      const closed = (x: string) => portClosed(node(c, x).clientPort, node(c, x).host);
      expect(await closed(leader!)).toBe(true);
      await servesWrites(c, 3);
      expect(await run(n, { f: 'restart' })).toEqual({ nodes: [leader] });
      await until(() => answers(node(c, leader!)), 'restarted node answers');
      await servesWrites(c, 4);
      // With its data: kill every node and restart them all, so that nothing but what each restarted
      // node finds in its own data directory can hold the write acknowledged before the kill.
      const all = c.nodes.map((x) => x.name);
      expect(await run(n, { f: 'kill', value: { targets: 'all', nodes: all } })).toEqual({ targets: 'all', nodes: all });
      for (const x of all) expect(await closed(x)).toBe(true);
      expect(await run(n, { f: 'restart' })).toEqual({ nodes: all });
      const kv = new KvClient(c.nodes, node(c, leader!));
      clients.push(kv);
      expect(await kv.call({ f: 'read', key: 'contract' }, AbortSignal.timeout(30_000))).toEqual({ type: 'ok', value: 4 });
      await servesWrites(c, 5);
    });

    it('pause: a paused node answers nothing; resume brings it back', async () => {
      const c = await start();
      const n = nemesisOf('pause', c);
      expect(await run(n, { f: 'pause', value: { targets: 'one', nodes: ['n2'] } })).toEqual({ targets: 'one', nodes: ['n2'] });
      expect(await answers(node(c, 'n2'))).toBe(false);
      expect(await run(n, { f: 'resume' })).toEqual({ nodes: ['n2'] });
      await until(() => answers(node(c, 'n2')), 'n2 answers');
      await servesWrites(c, 5);
    });

    it('clock: a bumped clock is observed by the target; reset puts it back', async () => {
      const c = await start();
      const n = nemesisOf('clock', c);
      const v = await run(n, { f: 'bump-clock', value: { nodes: ['n3'], deltaMs: -1500 } });
      expect(v.offsets).toEqual({ n1: 0, n2: 0, n3: -1500 });
      await until(async () => (await nodeStatus(node(c, 'n3')))?.clockOffsetMs === -1500, 'n3 reports offset -1500');
      const st = await run(n, { f: 'strobe-clock', value: { nodes: ['n1'], deltaMs: 800, periodMs: 60, durationMs: 400 } });
      expect(st.flips).toBeGreaterThan(1);
      expect(st.offsets).toEqual({ n1: 0, n2: 0, n3: -1500 });
      expect(await run(n, { f: 'reset-clock' })).toMatchObject({ offsets: { n1: 0, n2: 0, n3: 0 } });
      await until(async () => (await nodeStatus(node(c, 'n3')))?.clockOffsetMs === 0, 'n3 back to 0');
      await servesWrites(c, 6);
    });

    it('packet: a lossy link drops traffic (or link faults are refused up front); a delay is applied or refused up front; restoring serves writes', async () => {
      const c = await start();
      if (refusal('link') !== undefined) {
        // No link faults at all: each refused up front, and the cluster has no way to apply them.
        for (const f of ['link', 'link-loss', 'link-delay'] as const) expectRefused(f);
        expect(canFaultLinks(c)).toBe(false);
        expect(() => nemesisOf('packet', c)).toThrow(/cannot fault links/);
        return;
      }
      const s = stats(c);
      const n = nemesisOf('packet', c);
      // A link that carries traffic for sure: the leader's to a follower (followers talk only to the leader).
      const [leader] = await raftKvTarget.leaders!(c.nodes, opts, AbortSignal.timeout(5000));
      const [follower, other] = c.nodes.map((x) => x.name).filter((x) => x !== leader);
      const links = [{ from: leader, to: follower }, { from: follower, to: leader }];
      await run(n, { f: 'start-packet', value: { mode: 'loss', links, faults: { loss: 1 } } });
      const at = await s.linkStats(leader, follower);
      await until(async () => (await s.linkStats(leader, follower)).dropped > at.dropped + 5, `traffic lost on ${leader}→${follower}`);
      expect((await s.linkStats(leader, follower)).delivered).toBe(at.delivered);
      const cleared = [...links];
      const why = refusal('link-delay');
      if (why === undefined) {
        await run(n, { f: 'start-packet', value: { mode: 'delay', links: [{ from: other, to: leader }], faults: { delayMs: 30, jitterMs: 10 } } });
        cleared.push({ from: other, to: leader });
      } else {
        expect(why).toMatch(/^[^\n]+$/);
      }
      expect(await run(n, { f: 'stop-packet' })).toEqual({ cleared });
      const after = await s.linkStats(leader, follower);
      await until(async () => (await s.linkStats(leader, follower)).delivered > after.delivered, `${leader}→${follower} delivers again`);
      await servesWrites(c, 7);
    });

    it('heal undoes every kind of fault at once', async () => {
      const c = await start();
      const s = stats(c);
      const lossy = refusal('link-loss') === undefined;
      if (!lossy) expectRefused('link-loss'); // checked in the packet test: no link faults to heal here
      const all = ['partition', 'kill', 'pause', 'clock', ...(lossy ? ['packet'] : [])].map((name) => nemesisOf(name, c));
      const [part, kill, pause, clock, packet] = all as [Nemesis, Nemesis, Nemesis, Nemesis, Nemesis | undefined];
      await run(part, { f: 'start-partition', value: { mode: 'halves', grudge: { n1: ['n2', 'n3'], n2: ['n1'], n3: ['n1'] } } });
      await run(kill, { f: 'kill', value: { targets: 'one', nodes: ['n2'] } });
      await run(pause, { f: 'pause', value: { targets: 'one', nodes: ['n3'] } });
      await run(clock, { f: 'bump-clock', value: { nodes: ['n1'], deltaMs: 5000 } });
      if (packet) await run(packet, { f: 'start-packet', value: { mode: 'loss', links: [{ from: 'n1', to: 'n3' }], faults: { loss: 1 } } });
      for (const x of all) await x.heal();
      if (!canSkewClocks(c)) throw new Error(`${runtime.name} skews raft-kv's clock`);
      expect(c.clockOffsets()).toEqual({ n1: 0, n2: 0, n3: 0 });
      for (const x of ['n1', 'n2', 'n3']) await until(() => answers(node(c, x)), `${x} answers after heal`);
      // No cut and no loss is left: every node applies what the leader commits, and no link drops
      // anything any more (checked over 20 polls).
      await servesWrites(c, 8);
      const [leader] = await raftKvTarget.leaders!(c.nodes, opts, AbortSignal.timeout(5000));
      const commit = (await nodeStatus(node(c, leader!)))!.commit;
      for (const x of ['n1', 'n2', 'n3']) await until(async () => ((await nodeStatus(node(c, x)))?.applied ?? -1) >= commit, `${x} applies the leader's commits`);
      const links = c.nodes.flatMap((a) => c.nodes.filter((b) => b !== a).map((b) => [a.name, b.name] as const));
      const drops = async () => (await Promise.all(links.map(([a, b]) => s.linkStats(a, b)))).map((x) => x.dropped);
      const d0 = await drops();
      for (let i = 0; i < 20; i++) {
        await new Promise((r) => setTimeout(r, 50));
        expect(await drops()).toEqual(d0);
      }
      await servesWrites(c, 9);
    });
  });
}
