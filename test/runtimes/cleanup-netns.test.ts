/**
 * A harness SIGKILLed in the middle of a partition under the netns runtime leaves its nodes running
 * in their namespaces, with the bridge, the veths, the FORWARD rule and the partition's iptables rules
 * in place; `faultline cleanup` removes all of it: 0 processes, namespaces (their rules go with them),
 * links and FORWARD rules of the run are left. Whatever the test created is removed in afterEach,
 * pass or fail.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { findRunDirs } from '../../src/cli/cleanup.js';
import { netnsRuntime } from '../../src/runtimes/netns.js';
import { readPidRecord, type PidRecord } from '../../src/runtimes/pid-record.js';
import { runCliProcess, startCliProcess } from '../support/cli.js';
import { describeWith, netnsFacilities } from '../support/facility.js';
import { leftOfNetwork } from '../support/netns.js';
import { killAlive, processAlive } from '../support/processes.js';
import { killHarnessMidPartition } from '../support/kill-mid-partition.js';

let dir: string | undefined;
let harness: ChildProcess | undefined;

afterEach(async () => {
  if (harness?.pid !== undefined) killAlive([harness.pid]);
  harness = undefined;
  if (dir) {
    for (const run of findRunDirs(dir)) {
      const rec = readPidRecord(run);
      if (rec) killAlive(rec.nodes);
      if (rec?.netns) await netnsRuntime.cleanup(run);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  dir = undefined;
});


describeWith(netnsFacilities, 'faultline cleanup after a SIGKILLed netns harness', () => {
  it('mid-partition: leaves 0 processes, namespaces, links and FORWARD rules of the run', async () => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-cleanup-netns-'));
    harness = startCliProcess([
      'run', '--runtime', 'netns', '--nemesis', 'partition', '--nemesis-interval', '0.3',
      '--time-limit', '60', '--seed', '3', '--no-progress', '--reports-dir', dir,
    ]);
    const run = await killHarnessMidPartition(harness, dir, 30000);

    const rec: PidRecord = readPidRecord(run)!;
    expect(rec.runtime).toBe('netns');
    expect(rec.procs).toHaveLength(3);
    expect(rec.procs.every((p) => processAlive(p.pid))).toBe(true); // orphans, as a SIGKILL leaves them
    const net = rec.netns!;
    expect(await leftOfNetwork(net)).toHaveLength(net.namespaces.length + net.veths.length + 1 + (net.forwardRule ? 1 : 0));

    const r = await runCliProcess(['cleanup', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1 run directories checked, 3 processes killed/);
    expect(rec.procs.filter((p) => processAlive(p.pid))).toEqual([]);
    expect(await leftOfNetwork(net)).toEqual([]);
    expect(rec.files.filter((f) => existsSync(f))).toEqual([]);

    const again = await runCliProcess(['cleanup', dir]);
    expect(again.stdout).toMatch(/0 processes killed/);
  });
});
