/**
 * What the docker runtime refuses, up front and in one line naming a runtime that can: delay,
 * duplication and bandwidth limits (no netem), partitions of clients, power loss, clocks of targets
 * without an offset file (etcd). A remote engine (DOCKER_HOST) refuses nothing more: its faults go
 * through the engine (docker-remote-e2e.test.ts runs one). Through the CLI a refused fault
 * exits 254 before anything starts. Targets with sidecars (Redis Sentinel) are no longer refused:
 * docker-e2e.test.ts runs them. The refusal checks need no Docker; the CLI case runs only where the
 * engine answers.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dockerRefusal } from '../../src/runtimes/docker-faults.js';
import { etcdTarget } from '../../targets/etcd/index.js';
import { raftKvTarget } from '../../targets/raft-kv/index.js';
import { runCliProcess } from '../support/cli.js';
import { describeWith, dockerFacilities } from '../support/facility.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-docker-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docker runtime refusals', () => {
  it('kernel cuts and loss, kill, stop, pause, offset-file clocks; nothing netem needs', () => {
    for (const f of ['partition', 'link', 'link-loss', 'kill', 'stop', 'pause'] as const) expect(dockerRefusal(f, etcdTarget)).toBeUndefined();
    expect(dockerRefusal('clock', raftKvTarget)).toBeUndefined();
    for (const f of ['link-delay', 'link-duplicate', 'link-bandwidth', 'partition-clients', 'power-loss'] as const) {
      expect(dockerRefusal(f, raftKvTarget)).toMatch(/^[^\n]*--runtime (local|netns)[^\n]*$/);
    }
    expect(dockerRefusal('clock', etcdTarget)).toMatch(/^target etcd [^\n]*--runtime local or netns$/);
  });
});

describeWith(dockerFacilities, 'docker runtime refusals through the CLI', () => {
  it('a refused fault exits 254 with one line, before anything starts', async () => {
    const reports = join(dir, 'cli');
    const r = await runCliProcess(['run', '--runtime', 'docker', '--target', 'etcd', '--nemesis', 'clock', '--time-limit', '2', '--no-progress', '--reports-dir', reports]);
    expect(r.code).toBe(254);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/docker/);
    expect(() => readdirSync(reports)).toThrow(); // nothing stored
  });
});
