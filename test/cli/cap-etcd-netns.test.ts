/**
 * `faultline cap --target etcd --runtime netns`: etcd's members in network namespaces, partitioned by
 * iptables in the kernel (the local runtime cannot partition etcd: it takes one shared peer list). The
 * netns runtime leaves clients outside partitions, so cap says so and does not cut them; a client
 * still talks only to its own member. Linearizable reads need a quorum, so the minority side answers
 * nothing that needs one; serializable reads are answered there from the member's own state. Needs
 * root, iproute2, iptables and etcd; everything the runs created is checked gone.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { CapRow } from '../../src/cap/cap-run.js';
import { readPidRecord } from '../../src/runtimes/pid-record.js';
import { netnsRuntime } from '../../src/runtimes/netns.js';
import { runCliProcess } from '../support/cli.js';
import { describeWith, etcdFacility, netnsFacilities } from '../support/facility.js';
import { leftOfNetwork } from '../support/netns.js';
import { processAlive } from '../support/processes.js';

const cwd = mkdtempSync(join(tmpdir(), 'faultline-cap-etcd-'));
let rows: CapRow[] = [];
afterAll(async () => {
  for (const r of rows.filter((x) => existsSync(join(x.runDir, 'pids.json')))) await netnsRuntime.cleanup(r.runDir);
  rmSync(cwd, { recursive: true, force: true });
});

describeWith([...netnsFacilities, etcdFacility], 'faultline cap on etcd in network namespaces', () => {
  it('serializable reads stay available on the minority side, linearizable reads do not and stay linearizable', async () => {
    const r = await runCliProcess(['cap', '--target', 'etcd', '--runtime', 'netns', '--time-limit', '9', '--nemesis-interval', '3', '--seed', '3'], { cwd, timeoutMs: 240_000 });
    const capDir = join(cwd, 'reports', 'cap', readdirSync(join(cwd, 'reports', 'cap'))[0]);
    rows = (JSON.parse(readFileSync(join(capDir, 'cap.json'), 'utf8')) as { rows: CapRow[] }).rows;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/runtime netns cannot cut clients off with their node/);
    const [lin, ser] = rows;
    expect([lin.config.name, ser.config.name]).toEqual(['linearizable', 'serializable']);
    expect(lin.sides.partitions).toBeGreaterThan(0);
    expect(ser.sides.minority.availability!).toBeGreaterThan(lin.sides.minority.availability ?? 0);
    expect(lin.models.linearizable.status, r.stdout).toBe('holds');
    for (const row of rows) {
      const rec = readPidRecord(row.runDir)!;
      expect(rec.runtime).toBe('netns');
      expect(rec.procs.filter((p) => processAlive(p.pid)), 'processes left running').toEqual([]);
      expect(await leftOfNetwork(rec.netns!), 'network left behind').toEqual([]);
    }
  }, 300_000);
});
