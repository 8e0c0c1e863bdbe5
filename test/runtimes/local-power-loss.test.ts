/**
 * Power loss through the local runtime and the `power-loss` nemesis, on real node processes (the
 * fixture target, which stores a value in its data directory with or without fsync): write, fsync,
 * write, power loss, restart, read back — the synced value is back and the unsynced one is gone,
 * while a plain kill -9 keeps it (the page cache outlives a process). Torn writes keep a strict
 * prefix. The mounts exist only when the run asks for power loss, and go at teardown. Every node and
 * helper is killed by PID after each test, pass or fail.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import type { Op } from '../../src/core/op.js';
import { localRuntime, type LocalCluster } from '../../src/runtimes/local.js';
import { readPidRecord } from '../../src/runtimes/pid-record.js';
import { isMounted } from '../../src/runtimes/powerloss-fs.js';
import { canLosePower } from '../../src/runtimes/runtime.js';
import { nemeses } from '../../nemeses/index.js';
import type { Nemesis, NemesisPackage } from '../../nemeses/nemesis.js';
import { describeWith, powerLossFacility } from '../support/facility.js';
import { fixtureTarget } from '../support/fixture-target.js';
import { portClosed } from '../support/ports.js';
import { killAlive } from '../support/processes.js';

let dir: string;
let cluster: LocalCluster | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-powerloss-'));
});
afterEach(async () => {
  await cluster?.teardown();
  cluster = undefined;
  const rec = readPidRecord(dir);
  killAlive(rec?.procs.map((p) => p.pid) ?? []); // gone already, as they should be
  expect((rec?.mounts ?? []).filter(isMounted)).toEqual([]);
  rmSync(dir, { recursive: true, force: true });
});

async function start(faults: ('power-loss' | 'kill')[] = ['power-loss', 'kill']): Promise<LocalCluster> {
  cluster = await localRuntime.setup(fixtureTarget, { crash: false }, 3, { runDir: dir, logger: silentLogger, seed: 3, faults });
  return cluster;
}

const url = (c: LocalCluster, name: string) => {
  const n = c.nodes.find((x) => x.name === name)!;
  return `http://${n.host}:${n.clientPort}/data`;
};
const put = async (c: LocalCluster, name: string, value: string, sync: boolean) =>
  expect(await (await fetch(url(c, name) + (sync ? '' : '?nosync'), { method: 'PUT', body: value })).text()).toBe('stored');
const get = async (c: LocalCluster, name: string) => (await fetch(url(c, name))).text();

/** Polls until node `name` answers again after a restart. */
async function answers(c: LocalCluster, name: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await get(c, name).then(() => true, () => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${name} never answered after its restart`);
}

function nemesis(c: LocalCluster, o: Record<string, string> = {}): Nemesis {
  const pkg = nemeses['power-loss']!.pkg as NemesisPackage;
  return pkg.create({ cluster: c, target: fixtureTarget, targetOpts: { crash: false }, logger: silentLogger }, pkg.optionsSchema.parse(o));
}

let index = 0;
const invoke = (n: Nemesis, f: string, value: unknown = null) => n.invoke({ index: index++, time: 0, process: 'nemesis', type: 'invoke', f, value } as Op);

describeWith([powerLossFacility], 'power loss on the local runtime', () => {
  it('write, fsync, write, power loss, restart: the synced value is back, the unsynced one is lost; other nodes keep theirs', async () => {
    const c = await start();
    await put(c, 'n1', 'synced', true);
    await put(c, 'n1', 'unsynced', false);
    await put(c, 'n2', 'n2-unsynced', false);
    expect(await get(c, 'n1')).toBe('unsynced');
    const n = nemesis(c);
    const done = await invoke(n, 'start-power-loss', { targets: 'one', nodes: ['n1'] });
    expect(done).toEqual({ type: 'ok', value: { targets: 'one', nodes: ['n1'], torn: false, lost: { n1: { files: 1, writes: 1, bytes: 8, tornBytes: 0 } } } });
    expect(await portClosed(c.nodes[0]!.clientPort)).toBe(true); // down until power comes back
    expect(await invoke(n, 'stop-power-loss')).toEqual({ type: 'ok', value: { nodes: ['n1'] } });
    await answers(c, 'n1');
    expect(await get(c, 'n1')).toBe('synced');
    expect(await get(c, 'n2')).toBe('n2-unsynced'); // n2 kept its power
    // What survived is what the node's disk directory holds.
    expect(readFileSync(join(dir, 'nodes', 'n1', 'disk', 'value'), 'utf8')).toBe('synced');
    expect(readFileSync(join(dir, 'nodes', 'n1-disk.log'), 'utf8')).toMatch(/power loss 1: forgot 1 writes \(8 bytes\) in 1 files/);
  });

  it('a kill -9 alone loses nothing the node wrote: the page cache outlives the process', async () => {
    const c = await start();
    await put(c, 'n3', 'unsynced', false);
    await c.kill('n3');
    await c.restart('n3');
    await answers(c, 'n3');
    expect(await get(c, 'n3')).toBe('unsynced');
  });

  it('all nodes at once, torn: each keeps a strict non-empty prefix of its last unsynced write', async () => {
    const c = await start();
    const long = 'abcdefghijklmnopqrstuvwxyz'.repeat(40);
    for (const x of ['n1', 'n2', 'n3']) {
      await put(c, x, '#', true);
      await put(c, x, long, false);
    }
    const done = await invoke(nemesis(c, { targets: 'all', torn: 'true' }), 'start-power-loss', { targets: 'all', nodes: ['n1', 'n2', 'n3'] });
    expect(done).toMatchObject({ type: 'ok', value: { nodes: ['n1', 'n2', 'n3'], torn: true } });
    for (const x of c.nodes) expect(await portClosed(x.clientPort)).toBe(true);
    for (const x of ['n1', 'n2', 'n3']) {
      await c.restart(x);
      await answers(c, x);
      const v = await get(c, x);
      // The unsynced write replaced '#' (O_TRUNC, then the write at 0): a prefix of it landed over '#'.
      expect(v.length, `${x}: ${v}`).toBeGreaterThan(0);
      expect(v.length).toBeLessThan(long.length);
      expect(long.startsWith(v), `${x}: ${v}`).toBe(true);
      expect((done.value as any).lost[x].tornBytes).toBe(v.length);
    }
  });

  it('heal restarts the nodes even when their power loss failed half way', async () => {
    const c = await start();
    const helper = readPidRecord(dir)!.procs.find((p) => p.name === 'n2-disk')!;
    process.kill(helper.pid, 'SIGKILL'); // n2's disk is gone: its power loss kills n2, then cannot drop
    for (let i = 0; i < 250 && isMounted(join(dir, 'nodes', 'n2', 'data')); i++) await new Promise((r) => setTimeout(r, 20));
    const n = nemesis(c);
    expect(await invoke(n, 'start-power-loss', { targets: 'one', nodes: ['n2'] })).toMatchObject({ type: 'info' });
    expect(await portClosed(c.nodes[1]!.clientPort)).toBe(true);
    expect(await n.heal()).toEqual({ nodes: ['n2'] });
    await answers(c, 'n2');
  });

  it('mounts only when the run asks for power loss', async () => {
    const c = await start(['kill']);
    expect(canLosePower(c)).toBe(false);
    expect(isMounted(join(dir, 'nodes', 'n1', 'data'))).toBe(false);
    expect(existsSync(join(dir, 'nodes', 'n1', 'disk'))).toBe(false);
  });

  it('teardown writes pending data back and unmounts', async () => {
    const c = await start(['power-loss']);
    expect(canLosePower(c)).toBe(true);
    expect(isMounted(join(dir, 'nodes', 'n1', 'data'))).toBe(true);
    await put(c, 'n1', 'pending-at-teardown', false);
    await c.teardown();
    cluster = undefined;
    expect(isMounted(join(dir, 'nodes', 'n1', 'data'))).toBe(false);
    expect(readFileSync(join(dir, 'nodes', 'n1', 'disk', 'value'), 'utf8')).toBe('pending-at-teardown');
  });
});
