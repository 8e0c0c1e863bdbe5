/**
 * One trial of the direct lost-writes measurement of bench/redis-failover.ts: a 3-node Redis cluster
 * on the local runtime, four clients adding unique elements to one set through the Redis target's
 * client, the primary paused until the Sentinels name another (plus one second), then resumed; adds go
 * on for 15 s, then the final set is read from the primary once the cluster has settled.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ClientError } from '../src/core/errors.js';
import { silentLogger } from '../src/core/logger.js';
import type { Client } from '../src/core/client.js';
import { localRuntime } from '../src/runtimes/local.js';
import { redisTarget } from '../targets/redis/index.js';
import { redisOptionsSchema } from '../targets/redis/options.js';

/** What one trial saw. */
export interface TrialResult {
  acked: number;
  lost: number;
  info: number;
  failed: number;
  /** From the pause until the Sentinels named another primary. */
  failoverMs: number;
}

const WRITERS = 4;
const OP_TIMEOUT_MS = 1_000;

async function until(fn: () => Promise<boolean>, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (await fn().catch(() => false)) return true;
  return false;
}

/** Runs one trial with `--target-opt`-style options. */
export async function lostWritesTrial(raw: Record<string, string>): Promise<TrialResult> {
  const opts = redisOptionsSchema.parse(raw);
  const dir = mkdtempSync(join(tmpdir(), 'faultline-redis-lost-'));
  const cluster = await localRuntime.setup(redisTarget, opts, 3, { runDir: dir, logger: silentLogger, faults: ['pause'] });
  const open = (i: number) => redisTarget.openClient(cluster.nodes[i % 3]!, { opts, nodes: cluster.nodes, workload: 'set' });
  const acked = new Set<number>();
  let info = 0;
  let failed = 0;
  let stop = false;
  let next = 0;
  const writer = async (i: number) => {
    let client: Client = await open(i);
    while (!stop) {
      const v = next++;
      let outcome: 'ok' | 'fail' | 'info';
      try {
        outcome = (await client.invoke({ index: v, time: 0, process: i, type: 'invoke', f: 'add', key: 's', value: v }, AbortSignal.timeout(OP_TIMEOUT_MS))).type;
      } catch (e) {
        outcome = e instanceof ClientError && e.definite ? 'fail' : 'info';
      }
      if (outcome === 'ok') acked.add(v);
      else if (outcome === 'fail') failed++;
      else {
        info++;
        await client.close(); // as the harness does after an info: a fresh client
        client = await open(i);
      }
    }
    await client.close();
  };
  let failoverMs = 0;
  try {
    const writers = Array.from({ length: WRITERS }, (_, i) => writer(i));
    await sleep(3_000);
    const [old] = await redisTarget.leaders!(cluster.nodes, opts, AbortSignal.timeout(2_000));
    const t0 = Date.now();
    await cluster.pause(old!);
    await until(async () => ((await redisTarget.leaders!(cluster.nodes, opts, AbortSignal.timeout(2_000)))[0] ?? old) !== old, 60_000);
    failoverMs = Date.now() - t0;
    await sleep(1_000);
    await cluster.resume(old!);
    await sleep(15_000);
    stop = true;
    await Promise.all(writers);
    await until(async () => (await redisTarget.isClusterReady!(cluster.nodes, opts, AbortSignal.timeout(2_000))) === true, 60_000);
    const reader = await open(0);
    const final = await reader.invoke({ index: -1, time: 0, process: 0, type: 'invoke', f: 'read', key: 's', value: null }, AbortSignal.timeout(5_000));
    await reader.close();
    const seen = new Set(final.value as number[]);
    return { acked: acked.size, lost: [...acked].filter((v) => !seen.has(v)).length, info, failed, failoverMs };
  } finally {
    stop = true;
    await cluster.teardown();
    rmSync(dir, { recursive: true, force: true });
  }
}
