/**
 * The local runtime's libfaketime path, on a real process: a dynamically linked node (Node itself)
 * started with libfaketime preloaded sees the offset the clock ability writes for it, at run time and
 * per node; reset puts it back; libfaketime's /dev/shm files are gone after teardown.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import { shmFiles } from '../../src/runtimes/local-clock.js';
import { localRuntime, type LocalCluster } from '../../src/runtimes/local.js';
import { canSkewClocks } from '../../src/runtimes/runtime.js';
import { describeWith, libfaketimeFacility } from '../support/facility.js';
import { faketimeFixtureTarget } from '../support/fixture-target.js';
import { processAlive } from '../support/processes.js';

let dir: string | undefined;
let cluster: LocalCluster | undefined;
afterEach(async () => {
  await cluster?.teardown();
  cluster = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** How far node `name`'s wall clock is ahead of ours, in ms (within the request's round trip). */
async function skewOf(c: LocalCluster, name: string): Promise<number> {
  const n = c.nodes.find((x) => x.name === name)!;
  const before = Date.now();
  const theirs = Number(await (await fetch(`http://${n.host}:${n.clientPort}/time`)).text());
  const after = Date.now();
  return theirs - (before + after) / 2;
}

/** Polls until node `name`'s skew is within 1.5 s of `ms` (bounded: 5 s), returning the last one seen. */
async function skewNear(c: LocalCluster, name: string, ms: number): Promise<number> {
  let seen = NaN;
  for (let i = 0; i < 50; i++) {
    seen = await skewOf(c, name);
    if (Math.abs(seen - ms) < 1500) return seen;
    await new Promise((r) => setTimeout(r, 100));
  }
  return seen;
}

describeWith([libfaketimeFacility], 'local runtime: clock skew through libfaketime', () => {
  it('moves one node’s wall clock at run time, leaves the others alone, and resets', async () => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-faketime-'));
    cluster = await localRuntime.setup(faketimeFixtureTarget, { crash: false }, 2, { runDir: dir, logger: silentLogger });
    expect(canSkewClocks(cluster)).toBe(true);
    if (!canSkewClocks(cluster)) return;
    expect(Math.abs(await skewOf(cluster, 'n1'))).toBeLessThan(1500);

    await cluster.setClockOffset('n1', 3_600_000);
    expect(Math.abs((await skewNear(cluster, 'n1', 3_600_000)) - 3_600_000)).toBeLessThan(1500);
    expect(Math.abs(await skewOf(cluster, 'n2'))).toBeLessThan(1500);

    await cluster.setClockOffset('n1', -600_000);
    expect(Math.abs((await skewNear(cluster, 'n1', -600_000)) + 600_000)).toBeLessThan(1500);

    await cluster.resetClocks();
    expect(Math.abs(await skewNear(cluster, 'n1', 0))).toBeLessThan(1500);

    const pids = cluster.pids();
    await cluster.teardown();
    cluster = undefined;
    expect(pids.filter(processAlive)).toEqual([]);
    expect(pids.flatMap(shmFiles).filter((f) => existsSync(f))).toEqual([]);
  });
});
