/**
 * The first half of every "cleanup after a SIGKILLed harness" test: wait until the run below
 * `reportsDir` has a partition in place (its history's last completed nemesis op is a
 * `start-partition`), then SIGKILL the harness and wait for it to be gone. Resolves with the run's
 * directory, for the test to run `faultline cleanup` on and check what is left.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { findRunDirs } from '../../src/cli/cleanup.js';

/** True once the run's history shows a partition in place. */
export function partitioned(run: string): boolean {
  const path = join(run, 'history.jsonl');
  if (!existsSync(path)) return false;
  const done = readFileSync(path, 'utf8').split('\n').filter((l) => l.includes('"nemesis"') && !l.includes('"invoke"'));
  return done.at(-1)?.includes('"start-partition"') === true;
}

/** Waits (at most `waitMs`) for a partition in the run below `reportsDir`, then SIGKILLs `harness`. */
export async function killHarnessMidPartition(harness: ChildProcess, reportsDir: string, waitMs: number): Promise<string> {
  let run: string | undefined;
  for (let i = 0; i < waitMs / 50 && !(run && partitioned(run)); i++) {
    run ??= findRunDirs(reportsDir)[0];
    await sleep(50);
  }
  expect(run && partitioned(run), 'a partition in place').toBe(true);
  harness.kill('SIGKILL');
  await new Promise((r) => (harness.exitCode !== null || harness.signalCode !== null ? r(null) : harness.once('exit', r)));
  return run!;
}
