/**
 * The docker runtime with a remote engine, for real: `DOCKER_HOST=tcp://127.0.0.1:<port>` names a TCP
 * proxy in front of this host's Docker socket (docker-proxy.ts), so the runtime sees an engine it
 * cannot reach but through the API (no local socket, no PIDs, no nsenter), while the containers still
 * run here where the test can look at them. A raft-kv run with partitions and clock faults is valid,
 * recorded the remote engine, really cut packets (the holders' FLCUT rules dropped some, seen from
 * outside during the run) and really skewed the nodes' clocks (a node reported a non-zero offset
 * through its /status), and left nothing on the engine.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { dockerRuntime } from '../../src/runtimes/docker.js';
import { readPidRecord } from '../../src/runtimes/pid-record.js';
import { runCliProcess } from '../support/cli.js';
import { leftOfDockerRun } from '../support/docker.js';
import { startDockerProxy, type DockerProxy } from '../support/docker-proxy.js';
import { watchDockerRun } from '../support/docker-run-watch.js';
import { describeWith, dockerFacilities } from '../support/facility.js';
import { onlyRunDir, partitionDrops, runOutcome } from '../support/run-outcome.js';

const reports = mkdtempSync(join(tmpdir(), 'faultline-docker-remote-'));
let proxy: DockerProxy | undefined;
let runDir: string | undefined;
afterAll(async () => {
  // A run that failed half-way is cleaned up through the same remote engine it used.
  if (runDir && existsSync(join(runDir, 'pids.json')) && proxy) {
    const was = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = proxy.url;
    try {
      await dockerRuntime.cleanup(runDir);
    } finally {
      if (was === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = was;
    }
  }
  await proxy?.close();
  rmSync(reports, { recursive: true, force: true });
});

describeWith(dockerFacilities, 'docker runtime on a remote engine (DOCKER_HOST=tcp://…)', () => {
  it('raft-kv with partitions and clock faults: applied through the engine, valid, nothing left', async () => {
    proxy = await startDockerProxy();
    const watch = watchDockerRun(reports);
    const args = [
      'run', '--runtime', 'docker', '--target', 'raft-kv', '--nemesis', 'partition,clock', '--nemesis-interval', '1',
      '--time-limit', '10', '--seed', '3', '--no-progress', '--reports-dir', reports,
    ];
    const r = await runCliProcess(args, { env: { DOCKER_HOST: proxy.url }, timeoutMs: 60_000 });
    const seen = await watch.stop();
    runDir = onlyRunDir(reports);
    expect(r.stderr).not.toMatch(/Error|at .*\.js:\d+/);
    expect(r.code).toBe(0);
    const rec = readPidRecord(runDir)!;
    expect(rec.runtime).toBe('docker');
    expect(rec.docker!.engine).toBe(proxy.url);
    expect(proxy.connections()).toBeGreaterThan(0);
    // A remote engine's processes are not this host's: none recorded.
    expect(rec.procs).toEqual([]);
    const out = runOutcome(runDir);
    expect(out.faults).toContain('start-partition');
    expect(out.faults.some((f) => /^(bump|strobe|scramble)-clock$/.test(f))).toBe(true);
    // Counted by the rules themselves at each heal (a sampler outside missed short partitions under load).
    expect(partitionDrops(runDir), 'packets dropped by the partition rules').toBeGreaterThan(0);
    expect(seen.clockOffsets.length, 'a node reporting a skewed clock').toBeGreaterThan(0);
    expect(out.kinds).toEqual([]);
    expect(out.valid).toBe(true);
    expect(leftOfDockerRun(rec.docker!), 'containers, volumes or network left behind').toEqual([]);
  }, 90_000);
});
