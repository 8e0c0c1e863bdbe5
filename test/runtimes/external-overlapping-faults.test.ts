/**
 * The external runtime when two node faults meet on one node (kill and pause nemeses drawing the same
 * node): the record in pids.json must still say what the teardown (or `faultline cleanup`) has to
 * undo. A pause of a killed node — which fails, its process being gone — must not turn the kill into
 * a pause in the record (the teardown would resume, not restart, and leave the node dead), and
 * resuming a node that was killed while paused must not drop the kill from the record.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import { loadClusterFile } from '../../src/runtimes/external-config.js';
import { externalCluster } from '../../src/runtimes/external-cluster.js';
import { externalPlan } from '../../src/runtimes/external.js';
import type { ExternalRecord } from '../../src/runtimes/external-state.js';
import { readPidRecord, writePidRecord } from '../../src/runtimes/pid-record.js';
import type { Cluster, KillAbility, PauseAbility } from '../../src/runtimes/runtime.js';

/** Appends its argv (as JSON) to the file named by its first argument; exits 1 when one of them is `FAIL`. */
const RECORDER = `
const [out, ...args] = process.argv.slice(2);
require('node:fs').appendFileSync(out, JSON.stringify(args) + '\\n');
if (args.includes('FAIL')) { process.stderr.write('no such process\\n'); process.exit(1); }
`;

let dir: string;
let out: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-external-overlap-'));
  out = join(dir, 'calls.jsonl');
  writeFileSync(join(dir, 'recorder.cjs'), RECORDER);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const calls = (): string[][] => (existsSync(out) ? readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]) : []);

/** A two-node external cluster whose commands record their calls; `pauseFails` makes `pause` exit 1. */
function start(pauseFails: boolean): { c: Cluster & KillAbility & PauseAbility; ext: ExternalRecord } {
  const cmd = (...args: string[]) => [process.execPath, join(dir, 'recorder.cjs'), out, ...args];
  const file = join(dir, 'cluster.json');
  writeFileSync(file, JSON.stringify({
    nodes: [{ name: 'a', host: '10.0.0.1', port: 2379 }, { name: 'b', host: '10.0.0.2', port: 2379 }],
    commands: { kill: cmd('kill', '{node}'), restart: cmd('restart', '{node}'), pause: cmd('pause', '{node}', ...(pauseFails ? ['FAIL'] : [])), resume: cmd('resume', '{node}') },
  }));
  const cluster = loadClusterFile(file);
  const ext: ExternalRecord = { cluster, timeoutMs: 10_000, down: {}, clocks: {} };
  const save = () => writePidRecord(dir, { runtime: 'external', harness: process.pid, nodes: [], procs: [], files: [], external: ext });
  save();
  return { c: externalCluster({ cluster, plan: externalPlan(cluster), rec: ext, save, logger: silentLogger }) as Cluster & KillAbility & PauseAbility, ext };
}

describe('external runtime: kill and pause on the same node', () => {
  it('a failed pause of a killed node leaves the kill recorded, and the teardown restarts the node', async () => {
    const { c } = start(true);
    await c.kill('n2');
    await expect(c.pause('n2')).rejects.toThrow(/`pause` command for n2 \(b\) failed \(exit 1: no such process\)/);
    expect(readPidRecord(dir)?.external?.down).toEqual({ b: 'kill' });
    await c.teardown();
    expect(calls()).toContainEqual(['restart', 'b']);
    expect(readPidRecord(dir)?.external?.down).toEqual({});
  });

  it('resuming a node killed while paused leaves the kill recorded; restarting it clears the record', async () => {
    const { c } = start(false);
    await c.pause('n2');
    await c.kill('n2');
    await c.resume('n2');
    expect(readPidRecord(dir)?.external?.down).toEqual({ b: 'kill' });
    await c.teardown();
    expect(calls().slice(-1)).toEqual([['restart', 'b']]);
    expect(readPidRecord(dir)?.external?.down).toEqual({});
    // A node only paused is resumed by the teardown, and its record cleared by the resume.
    const { c: d } = start(false);
    await d.pause('n1');
    await d.teardown();
    expect(calls().slice(-1)).toEqual([['resume', 'a']]);
    expect(readPidRecord(dir)?.external?.down).toEqual({});
  });
});
