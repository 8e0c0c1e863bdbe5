/**
 * What the docker runtime refuses, up front and in one line naming a runtime that can: delay,
 * duplication and bandwidth limits (no netem), partitions of clients, power loss, clocks of targets
 * without an offset file (etcd); and, when DOCKER_HOST names a remote engine, every kernel fault and
 * clock offsets (nsenter and bind mounts need the engine's host). Through the CLI a refused fault
 * exits 254 before anything starts; a target with sidecars is refused by setup before anything is
 * created. The refusal checks need no Docker; the CLI cases run only where the engine answers.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import { UserError } from '../../src/core/errors.js';
import { dockerRuntime } from '../../src/runtimes/docker.js';
import { dockerRefusal } from '../../src/runtimes/docker-faults.js';
import { etcdTarget } from '../../targets/etcd/index.js';
import { raftKvTarget } from '../../targets/raft-kv/index.js';
import { redisTarget } from '../../targets/redis/index.js';
import { runCliProcess } from '../support/cli.js';
import { describeWith, dockerFacilities } from '../support/facility.js';

const local = {};
const remote = { DOCKER_HOST: 'tcp://10.0.0.5:2376' };
const dir = mkdtempSync(join(tmpdir(), 'faultline-docker-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docker runtime refusals', () => {
  it('local engine: kernel cuts and loss, kill, stop, pause, offset-file clocks; nothing netem needs', () => {
    for (const f of ['partition', 'link', 'link-loss', 'kill', 'stop', 'pause'] as const) expect(dockerRefusal(f, etcdTarget, local)).toBeUndefined();
    expect(dockerRefusal('clock', raftKvTarget, local)).toBeUndefined();
    for (const f of ['link-delay', 'link-duplicate', 'link-bandwidth', 'partition-clients', 'power-loss'] as const) {
      expect(dockerRefusal(f, raftKvTarget, local)).toMatch(/^[^\n]*--runtime (local|netns)[^\n]*$/);
    }
    expect(dockerRefusal('clock', etcdTarget, local)).toMatch(/^target etcd [^\n]*--runtime local or netns$/);
  });

  it('remote engine: kernel faults and clocks refused, engine faults kept', () => {
    for (const f of ['partition', 'link', 'link-loss'] as const) expect(dockerRefusal(f, raftKvTarget, remote)).toMatch(/^the Docker engine at tcp:\/\/10\.0\.0\.5:2376 is remote, [^\n]*--runtime netns$/);
    expect(dockerRefusal('clock', raftKvTarget, remote)).toMatch(/is remote/);
    for (const f of ['kill', 'stop', 'pause'] as const) expect(dockerRefusal(f, raftKvTarget, remote)).toBeUndefined();
  });
});

describeWith(dockerFacilities, 'docker runtime refusals through the CLI and setup', () => {
  it('a refused fault exits 254 with one line, before anything starts', async () => {
    const reports = join(dir, 'cli');
    const r = await runCliProcess(['run', '--runtime', 'docker', '--target', 'etcd', '--nemesis', 'clock', '--time-limit', '2', '--no-progress', '--reports-dir', reports]);
    expect(r.code).toBe(254);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/docker/);
    expect(() => readdirSync(reports)).toThrow(); // nothing stored
  });

  it('a target with sidecars is refused before anything is created', async () => {
    const runDir = mkdtempSync(join(dir, 'redis-'));
    const opts = redisTarget.optionsSchema.parse({});
    await expect(dockerRuntime.setup(redisTarget, opts, 3, { runDir, logger: silentLogger })).rejects.toThrow(UserError);
    await expect(dockerRuntime.setup(redisTarget, opts, 3, { runDir, logger: silentLogger })).rejects.toThrow(/sidecars[^\n]*--runtime local or netns/);
    expect(readdirSync(runDir)).toEqual([]);
  });
});
