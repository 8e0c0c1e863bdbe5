/**
 * The external runtime's commands, run for real (a small Node program that records the argv it was
 * given): placeholders expand to separate arguments exactly as documented — per node, per cut link,
 * per grudged node, once with the grudge as JSON — hostile names and hosts reach the program verbatim
 * and nothing in them is executed (no shell), a failing command is an error naming its exit code and
 * the first line of its stderr, a hung one times out, and every fault is in pids.json before it is
 * applied and undone by the teardown.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import { loadClusterFile, type ClusterFile } from '../../src/runtimes/external-config.js';
import { externalCluster } from '../../src/runtimes/external-cluster.js';
import { externalPlan } from '../../src/runtimes/external.js';
import type { ExternalRecord } from '../../src/runtimes/external-state.js';
import { readPidRecord, writePidRecord } from '../../src/runtimes/pid-record.js';
import { canKill, canPartition, canPause, canSkewClocks, canStop, type Cluster, type KillAbility, type PartitionAbility } from '../../src/runtimes/runtime.js';

/** Appends its argv (as JSON) to the file named by its first argument; `FAIL` fails, `SLEEP` hangs. */
const RECORDER = `
const [out, ...args] = process.argv.slice(2);
require('node:fs').appendFileSync(out, JSON.stringify(args) + '\\n');
if (args.includes('FAIL')) { process.stderr.write('\\nboom: disk on fire\\nsecond line\\n'); process.exit(3); }
if (args.includes('SLEEP')) setTimeout(() => {}, 60_000);
`;

let dir: string;
let out: string;
let rec: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-external-cmd-'));
  out = join(dir, 'calls.jsonl');
  rec = join(dir, 'recorder.cjs');
  writeFileSync(rec, RECORDER);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const calls = (): string[][] => (existsSync(out) ? readFileSync(out, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]) : []);
const cmd = (...args: string[]) => JSON.stringify([process.execPath, rec, out, ...args]);

function clusterFile(nodes: Array<{ name: string; host: string; port: number }>, commands: Record<string, string>): ClusterFile {
  const text = JSON.stringify({ nodes, commands: Object.fromEntries(Object.entries(commands).map(([k, v]) => [k, JSON.parse(v)])) });
  writeFileSync(join(dir, 'cluster.json'), text);
  return loadClusterFile(join(dir, 'cluster.json'));
}

function start(cluster: ClusterFile, timeoutMs = 10_000): { c: Cluster; ext: ExternalRecord } {
  const ext: ExternalRecord = { cluster, timeoutMs, down: {}, clocks: {} };
  const save = () => writePidRecord(dir, { runtime: 'external', harness: process.pid, nodes: [], procs: [], files: [], external: ext });
  save();
  return { c: externalCluster({ cluster, plan: externalPlan(cluster), rec: ext, save, logger: silentLogger }), ext };
}

const NODES = [
  { name: 'a', host: '10.0.0.1', port: 2379 },
  { name: 'b', host: '10.0.0.2', port: 2379 },
  { name: 'c', host: '10.0.0.3', port: 2379 },
];

describe('external commands', () => {
  it('hostile names and hosts reach the command verbatim, and nothing in them runs', async () => {
    const pwned = join(dir, 'PWNED');
    const hostile = [
      { name: `$(touch ${pwned})`, host: `h; touch ${pwned}`, port: 1 },
      { name: `x y 'z' "q"`, host: '`touch ' + pwned + '`', port: 2 },
      { name: '{nodes}', host: '| touch ' + pwned + ' &&', port: 3 },
    ];
    const { c } = start(clusterFile(hostile, { kill: cmd('kill', '{node}', '{host}', '--at={host}:{port}', '{nodes}'), restart: cmd('restart', '{node}', '{hosts}') }));
    if (!canKill(c)) throw new Error('expected kill');
    for (const n of ['n1', 'n2', 'n3']) await c.kill(n);
    await c.restart('n3');
    const names = hostile.map((h) => h.name);
    expect(calls()).toEqual([
      ['kill', hostile[0]!.name, hostile[0]!.host, `--at=${hostile[0]!.host}:1`, ...names],
      ['kill', hostile[1]!.name, hostile[1]!.host, `--at=${hostile[1]!.host}:2`, ...names],
      ['kill', '{nodes}', hostile[2]!.host, `--at=${hostile[2]!.host}:3`, ...names],
      ['restart', '{nodes}', ...hostile.map((h) => h.host)],
    ]);
    expect(existsSync(pwned)).toBe(false);
  });

  it('has only the abilities whose commands are configured', () => {
    const { c } = start(clusterFile(NODES, { pause: cmd('pause', '{node}'), resume: cmd('resume', '{node}') }));
    expect([canPause(c), canKill(c), canStop(c), canPartition(c)]).toEqual([true, false, false, false]);
  });

  it('partition per cut link: {from}/{fromHost} the sender, {to}/{node}/{host} the receiver; heal per node', async () => {
    const { c } = start(clusterFile(NODES, { partition: cmd('cut', '{host}', '{from}', '{fromHost}', '{to}', '{node}'), heal: cmd('heal', '{node}', '{grudge}') }));
    const p = c as Cluster & PartitionAbility;
    await p.partition({ n1: ['n2', 'n3'], n2: ['n1'] });
    await p.healPartition();
    await p.healPartition(); // nothing in force: runs nothing
    const g = JSON.stringify({ a: ['b', 'c'], b: ['a'] });
    expect(calls()).toEqual([
      ['cut', '10.0.0.1', 'b', '10.0.0.2', 'a', 'a'],
      ['cut', '10.0.0.1', 'c', '10.0.0.3', 'a', 'a'],
      ['cut', '10.0.0.2', 'a', '10.0.0.1', 'b', 'b'],
      ['heal', 'a', g],
      ['heal', 'b', g],
      ['heal', 'c', g],
    ]);
  });

  it('partition per grudged node with {peers}, or once with {grudge}; a new partition heals the old first', async () => {
    const { c } = start(clusterFile(NODES, { partition: cmd('cut', '{node}', '{peers}', '--', '{peerHosts}'), heal: cmd('heal', '{nodes}') }));
    const p = c as Cluster & PartitionAbility;
    await p.partition({ n3: ['n1', 'n2'] });
    await p.partition({ n1: ['n3'] });
    await p.partition({});
    expect(calls()).toEqual([
      ['cut', 'c', 'a', 'b', '--', '10.0.0.1', '10.0.0.2'],
      ['heal', 'a', 'b', 'c'],
      ['cut', 'a', 'c', '--', '10.0.0.3'],
      ['heal', 'a', 'b', 'c'],
    ]);
    writeFileSync(out, '');
    const once = start(clusterFile(NODES, { partition: cmd('apply', '{grudge}', '{hosts}'), heal: cmd('heal') })).c as Cluster & PartitionAbility;
    await once.partition({ n2: ['n1'], n1: ['n2'] });
    expect(calls()).toEqual([['apply', JSON.stringify({ a: ['b'], b: ['a'] }), '10.0.0.1', '10.0.0.2', '10.0.0.3']]);
  });

  it('a failing command names its exit code and first stderr line; the fault stays recorded, and the teardown undoes it', async () => {
    const { c } = start(clusterFile(NODES, { kill: cmd('kill', '{node}', 'FAIL'), restart: cmd('restart', '{node}') }));
    const k = c as Cluster & KillAbility;
    await expect(k.kill('n2')).rejects.toThrow('runtime external: `kill` command for n2 (b) failed (exit 3: boom: disk on fire)');
    expect(readPidRecord(dir)?.external?.down).toEqual({ b: 'kill' }); // recorded before acting
    await c.teardown();
    await c.teardown(); // twice is safe
    expect(calls()).toEqual([['kill', 'b', 'FAIL'], ['restart', 'b']]);
    expect(readPidRecord(dir)?.external?.down).toEqual({});
  });

  it('stop and clock: the teardown restarts a stopped node and sets skewed clocks back to 0', async () => {
    const { c } = start(clusterFile(NODES, { stop: cmd('stop', '{node}'), restart: cmd('restart', '{node}'), clock: cmd('clock', '{host}', '{offsetMs}') }));
    if (!canStop(c) || !canSkewClocks(c) || canKill(c)) throw new Error('expected stop and clock, not kill');
    await c.stop('n1');
    await c.setClockOffset('n2', -1500);
    expect(c.clockOffsets()).toEqual({ n1: 0, n2: -1500, n3: 0 });
    expect(readPidRecord(dir)?.external).toMatchObject({ down: { a: 'stop' }, clocks: { b: -1500 } });
    await c.teardown();
    expect(calls()).toEqual([['stop', 'a'], ['clock', '10.0.0.2', '-1500'], ['restart', 'a'], ['clock', '10.0.0.2', '0']]);
    expect(readPidRecord(dir)?.external).toMatchObject({ down: {}, clocks: {} });
  });

  it('a command that hangs fails after the timeout; a teardown whose command fails does not throw', async () => {
    const { c } = start(clusterFile(NODES, { pause: cmd('pause', '{node}'), resume: cmd('resume', '{node}', 'SLEEP') }), 1_000);
    if (!canPause(c)) throw new Error('expected pause');
    await c.pause('n1');
    await expect(c.resume('n1')).rejects.toThrow('runtime external: `resume` command for n1 (a) failed (timed out after 1 s)');
    await expect(c.teardown()).resolves.toBeUndefined();
    expect(readPidRecord(dir)?.external?.down).toEqual({ a: 'pause' }); // still in force: a later cleanup tries again
  });
});
