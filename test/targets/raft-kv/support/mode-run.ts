/**
 * `faultline run --target raft-kv` in a child process for the end-to-end tests of the raft-kv modes:
 * each run in its own reports directory under one temporary root, its history, results and nemesis
 * ops read back, and afterwards (pass or fail) every node process it recorded ended by PID and the
 * root removed. The run tears its own cluster down; `expectNoLeftovers` checks it did.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import type { ModelVerdicts } from '../../../../src/core/models.js';
import { runCliProcess } from '../../../support/cli.js';
import { killAlive, processAlive, recordedNodePids } from '../../../support/processes.js';

/** One finished run, read back from its run directory. */
export interface ModeRun {
  code: number | null;
  output: string;
  dir: string;
  ops: { index: number; time: number; process: number | string; type: string; f: string; key?: string; value: any; error?: string }[];
  results: { valid: boolean | string; models: ModelVerdicts; checks: Record<string, { valid: unknown; anomalies?: { kind: string }[] }>; stats?: any };
}

/** Registers cleanup for the file's runs; returns the function that makes one. */
export function useModeRuns(prefix: string): (name: string, args: string[]) => Promise<ModeRun> {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs.filter((x) => existsSync(join(x, 'pids.json')))) killAlive(recordedNodePids(d));
    rmSync(root, { recursive: true, force: true });
  });
  return async (name, args) => {
    const reports = join(root, name);
    const r = await runCliProcess(['run', '--target', 'raft-kv', ...args, '--no-progress', '--reports-dir', reports], { timeoutMs: 180_000 });
    const output = r.stdout + r.stderr;
    const [store] = existsSync(reports) ? readdirSync(reports).filter((x) => x.startsWith('raft-kv')) : [];
    if (!store) throw new Error(`no run stored:\n${output}`);
    const [stamp] = readdirSync(join(reports, store)).filter((x) => /^\d/.test(x));
    const dir = join(reports, store, stamp!);
    dirs.push(dir);
    const ops = readFileSync(join(dir, 'history.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    return { code: r.code, output, dir, ops, results };
  };
}

/** No node process the run recorded is still alive. */
export function expectNoLeftovers(run: ModeRun): void {
  expect(recordedNodePids(run.dir).filter(processAlive), 'node processes left running').toEqual([]);
}

/** The status of each of `models` in the run's results. */
export function modelStatus(run: ModeRun, models: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(models.map((m) => [m, run.results.models[m]?.status]));
}
