/**
 * A harness SIGKILLed in the middle of a partition under the docker runtime leaves its containers
 * (nodes and network holders, the partition's iptables rules in their namespaces) and its network on
 * the engine, and, run with `keep-image=false`, the image it built; `faultline cleanup` removes all of
 * it: 0 containers, networks, images to remove and node processes of the run are left. The run builds
 * a fresh image: its etcd is a copy at a path of its own, so the image's content hash is new. A raft-kv
 * run with clock faults also leaves its holders' clock volumes, which cleanup removes too; a Redis
 * run leaves its Sentinel sidecar containers (and their processes), which cleanup removes too. Whatever
 * the test created is removed in afterEach, pass or fail.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { findRunDirs } from '../../src/cli/cleanup.js';
import { dockerRuntime } from '../../src/runtimes/docker.js';
import { findOnPath } from '../../src/runtimes/host-program.js';
import { readPidRecord, type PidRecord } from '../../src/runtimes/pid-record.js';
import { runCliProcess, startCliProcess } from '../support/cli.js';
import { imagePresent, leftOfDockerRun } from '../support/docker.js';
import { describeWith, dockerFacilities, etcdFacility, redisFacility } from '../support/facility.js';
import { killAlive, processAlive } from '../support/processes.js';
import { killHarnessMidPartition } from '../support/kill-mid-partition.js';

let dir: string | undefined;
let harness: ChildProcess | undefined;

afterEach(async () => {
  if (harness?.pid !== undefined) killAlive([harness.pid]);
  harness = undefined;
  if (dir) {
    for (const run of findRunDirs(dir)) await dockerRuntime.cleanup(run);
    rmSync(dir, { recursive: true, force: true });
  }
  dir = undefined;
});


describeWith([...dockerFacilities, etcdFacility], 'faultline cleanup after a SIGKILLed docker harness', () => {
  it('mid-partition: leaves 0 containers, networks, unkept images and processes of the run', async () => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-cleanup-docker-'));
    const etcd = join(dir, 'etcd');
    copyFileSync(findOnPath('etcd')!, etcd);
    harness = startCliProcess([
      'run', '--runtime', 'docker', '--runtime-opt', 'keep-image=false', '--target', 'etcd', '--target-opt', `binary=${etcd}`,
      '--nemesis', 'partition', '--nemesis-interval', '0.3', '--time-limit', '60', '--seed', '3', '--no-progress', '--reports-dir', join(dir, 'reports'),
    ]);
    const run = await killHarnessMidPartition(harness, dir, 60000);

    const rec: PidRecord = readPidRecord(run)!;
    expect(rec.runtime).toBe('docker');
    const docker = rec.docker!;
    expect(docker.removeImages).toContain(docker.image);
    expect(rec.procs).toHaveLength(3);
    expect(rec.procs.every((p) => processAlive(p.pid))).toBe(true); // left running, as a SIGKILL leaves them
    expect(leftOfDockerRun(docker).sort()).toEqual([...docker.containers.map((c) => `container ${c}`), `network ${docker.network}`, ...docker.removeImages!.map((i) => `image ${i}`)].sort());

    const r = await runCliProcess(['cleanup', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1 run directories checked/);
    expect(r.stdout).toContain(`network ${docker.network}`);
    expect(r.stdout).toContain(`image ${docker.image}`);
    expect(rec.procs.filter((p) => processAlive(p.pid))).toEqual([]);
    expect(leftOfDockerRun(docker)).toEqual([]);
    expect(imagePresent(docker.image!)).toBe(false);

    const again = await runCliProcess(['cleanup', dir]);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('removed');
  }, 120_000);

  it('with clock faults: the holders’ clock volumes go too', async () => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-cleanup-docker-'));
    harness = startCliProcess([
      'run', '--runtime', 'docker', '--target', 'raft-kv', '--nemesis', 'partition,clock', '--nemesis-interval', '0.3',
      '--time-limit', '60', '--seed', '3', '--no-progress', '--reports-dir', join(dir, 'reports'),
    ]);
    const run = await killHarnessMidPartition(harness, dir, 60000);
    const docker = readPidRecord(run)!.docker!;
    const volumes = leftOfDockerRun(docker).filter((x) => x.startsWith('volume '));
    expect(volumes).toHaveLength(3);

    const r = await runCliProcess(['cleanup', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(leftOfDockerRun(docker)).toEqual([]);
  }, 120_000);
});

describeWith([...dockerFacilities, redisFacility], 'faultline cleanup after a SIGKILLed docker harness with sidecars', () => {
  it('removes the Sentinel sidecar containers with the nodes: 0 containers and processes of the run left', async () => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-cleanup-docker-'));
    harness = startCliProcess([
      'run', '--runtime', 'docker', '--target', 'redis', '--nemesis', 'partition', '--nemesis-interval', '0.3',
      '--time-limit', '60', '--seed', '3', '--no-progress', '--reports-dir', join(dir, 'reports'),
    ]);
    const run = await killHarnessMidPartition(harness, dir, 150_000); // nine containers: a slow start on a busy engine
    const rec = readPidRecord(run)!;
    const docker = rec.docker!;
    const sidecars = docker.containers.filter((c) => c.endsWith('-sidecar-sentinel'));
    expect(sidecars).toHaveLength(3);
    expect(leftOfDockerRun(docker)).toEqual(expect.arrayContaining(sidecars.map((c) => `container ${c}`)));
    const sentinels = rec.procs.filter((p) => p.name.endsWith('-sentinel'));
    expect(sentinels.filter((p) => processAlive(p.pid))).toHaveLength(3); // left running, as a SIGKILL leaves them

    const r = await runCliProcess(['cleanup', dir]);
    expect(r.code, r.stderr).toBe(0);
    for (const c of sidecars) expect(r.stdout).toContain(`container ${c}`);
    expect(rec.procs.filter((p) => processAlive(p.pid))).toEqual([]);
    expect(leftOfDockerRun(docker)).toEqual([]);
  }, 240_000);
});
