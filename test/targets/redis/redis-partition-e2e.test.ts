/**
 * End to end: Redis with Sentinel under a real partition (`--runtime netns`: each node and its Sentinel
 * in a network namespace of its own, the cut as iptables rules; the clients stay on the host, outside
 * the partition). The primary is isolated with its Sentinel (`partition.modes=isolate-leader`) for
 * longer than Sentinel's down-after (5 s by default) plus the failover: the two other Sentinels promote
 * a replica while the clients, still reaching the old primary, get their adds acknowledged there; after
 * the heal Sentinel demotes it, it resyncs from the new primary and those adds are gone. The set
 * workload's set-full checker must report them lost, with Redis's defaults (no min-replicas-to-write).
 *
 * The run must also leave nothing: no redis-server or Sentinel process (by PID), no namespace, link or
 * FORWARD rule (by name). bench/redis-failover.ts (`--only partition`) measures this over seeds, also
 * with min-replicas-to-write=1.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { findRunDirs } from '../../../src/cli/cleanup.js';
import { netnsRuntime } from '../../../src/runtimes/netns.js';
import { readPidRecord } from '../../../src/runtimes/pid-record.js';
import { runCliProcess } from '../../support/cli.js';
import { describeWith, netnsFacilities, redisFacility } from '../../support/facility.js';
import { leftOfNetwork } from '../../support/netns.js';
import { processAlive } from '../../support/processes.js';

const reports = mkdtempSync(join(tmpdir(), 'faultline-redis-partition-e2e-'));
afterAll(async () => {
  for (const d of findRunDirs(reports).filter((x) => existsSync(join(x, 'pids.json')))) await netnsRuntime.cleanup(d);
  rmSync(reports, { recursive: true, force: true });
});

interface Op {
  process: unknown;
  type: string;
  f: string;
  value: { grudge?: Record<string, string[]> } | null;
}

describeWith([...netnsFacilities, redisFacility], 'redis under a partition of the primary (netns runtime)', () => {
  it('loses adds the isolated primary acknowledged after Sentinel failed over, and set-full finds them; nothing is left', async () => {
    // Seed 1's schedule isolates the primary from ~12 s to ~27 s of the 30 s run: long past down-after.
    // settle=15: Sentinel demotes the old primary ~10 s after the heal; final reads before that, by
    // clients all still on it, agree on what it holds and see no loss (seen with the default 5 s).
    const r = await runCliProcess(
      [
        'run', '--target', 'redis', '--runtime', 'netns', '--workload', 'set', '--workload-opt', 'adds-per-key=20000',
        '--nemesis', 'partition', '--nemesis-opt', 'partition.modes=isolate-leader', '--nemesis-interval', '12', '--nemesis-opt', 'settle=15',
        '--time-limit', '30', '--seed', '1', '--no-progress', '--reports-dir', reports,
      ],
      { timeoutMs: 150_000 },
    );
    const [dir] = findRunDirs(reports);
    expect(dir, r.stderr).toBeDefined();
    const rec = readPidRecord(dir!)!;
    expect(rec.runtime).toBe('netns');
    expect(rec.procs.filter((p) => processAlive(p.pid)), 'node processes left running').toEqual([]);
    expect(await leftOfNetwork(rec.netns!), 'network left behind').toEqual([]);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);

    // The fault really happened: n1 (the first primary) was cut off from both others, and Sentinel failed over.
    const nemesis = readFileSync(join(dir!, 'history.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Op)
      .filter((op) => op.process === 'nemesis' && op.type === 'ok');
    const cut = nemesis.find((op) => op.f === 'start-partition');
    expect(cut?.value?.grudge).toEqual({ n1: ['n2', 'n3'], n2: ['n1'], n3: ['n1'] });
    const sentinels = readdirSync(join(dir!, 'nodes')).filter((f) => f.endsWith('-sentinel.log'));
    expect(sentinels.map((f) => readFileSync(join(dir!, 'nodes', f), 'utf8')).join('\n')).toMatch(/\+switch-master faultline \S+ 7000 \S+ 7000/);

    // Acknowledged adds are lost, and the verdict says so.
    expect(r.code, r.stderr).toBe(1);
    const results = JSON.parse(readFileSync(join(dir!, 'results.json'), 'utf8'));
    const setFull = results.checks['set-full'];
    expect(setFull.valid).toBe(false);
    expect(setFull.stats.lost).toBeGreaterThan(0);
    expect(setFull.anomalies.map((a: { kind: string }) => a.kind)).toContain('lost');
    expect(results.models.eventual.status).toBe('ruled-out');
  }, 180_000);
});
