/**
 * Exit code 2 ("unknown") from the real `faultline` command, for each subcommand that checks:
 * `check` and `analyze` on a history that cannot be decided in the budget given (support/
 * hard-history.ts), and `run` on a real raft-kv cluster whose checker is given one nanosecond for a
 * history of many keys (it can decide at most the first key's first slice of search before its
 * time is up). CI gates on these codes: "unknown" must never exit 0.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOptionsSchema } from '../../src/runner/run-options.js';
import { runCliProcess } from '../support/cli.js';
import { undecidableJsonl } from '../support/hard-history.js';
import { killAlive, processAlive, recordedNodePids } from '../support/processes.js';

let dir: string;
const runDirs: string[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-unknown-'));
});
afterAll(() => {
  // Should a run's own teardown have failed, end the node processes it recorded, by PID.
  for (const d of runDirs.filter((x) => existsSync(join(x, 'pids.json')))) killAlive(recordedNodePids(d));
  rmSync(dir, { recursive: true, force: true });
});

describe('exit code 2 for an unknown verdict', () => {
  it('check: a history undecided within --timeout', async () => {
    const file = join(dir, 'hard.jsonl');
    writeFileSync(file, undecidableJsonl());
    const r = await runCliProcess(['check', file, '--format', 'jsonl', '--model', 'register', '--timeout', '0.001']);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stdout).toMatch(/^unknown\s/m);
    // Given time, the same file is decided (exit 1): the 2 above is the budget's doing.
    expect((await runCliProcess(['check', file, '--format', 'jsonl', '--model', 'register'])).code).toBe(1);
  });

  it('analyze: a stored history undecided within the workload’s check-timeout', async () => {
    const run = join(dir, 'stored');
    mkdirSync(run);
    const options = runOptionsSchema.parse({
      target: 'raft-kv', workload: 'register', nodes: 3, concurrency: 15, timeLimit: 1, seed: 1, rate: 0, opTimeout: 1,
      // The linearizability checker alone: the weaker-model checkers decide this history at once (its read
      // of 999, which nobody wrote, is a thin-air read), and this test is about a checker out of time.
      workloadOpts: { 'check-timeout': '0.001', checkers: 'linearizable' },
    });
    writeFileSync(join(run, 'test.json'), JSON.stringify({ name: 'x', options }));
    writeFileSync(join(run, 'history.jsonl'), undecidableJsonl());
    const r = await runCliProcess(['analyze', run]);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stdout).toMatch(/verdict\s+unknown/);
    expect(JSON.parse(readFileSync(join(run, 'results.json'), 'utf8')).valid).toBe('unknown');
  });

  it('run: a raft-kv run whose checker runs out of time', { timeout: 120_000 }, async () => {
    const reports = join(dir, 'reports');
    const r = await runCliProcess(
      [
        'run', '--target', 'raft-kv', '--nemesis', 'none', '--nodes', '3', '--concurrency', '4', '--time-limit', '1', '--seed', '3',
        '--workload-opt', 'ops-per-key=4', '--workload-opt', 'threads-per-key=2', '--workload-opt', 'check-timeout=0.000000001',
        '--no-progress', '--reports-dir', reports,
      ],
      { timeoutMs: 110_000 },
    );
    const [store] = readdirSync(reports).filter((x) => x.startsWith('raft-kv'));
    const [stamp] = readdirSync(join(reports, store!)).filter((x) => /^\d/.test(x));
    const run = join(reports, store!, stamp!);
    runDirs.push(run);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stdout).toMatch(/verdict\s+unknown/);
    const results = JSON.parse(readFileSync(join(run, 'results.json'), 'utf8'));
    expect(results.valid).toBe('unknown');
    expect(results.checks.linearizable.error).toMatch(/undecided/);
    // Many keys were recorded, so one slice of search could not have decided them all.
    const keys = new Set(readFileSync(join(run, 'history.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).key).filter(Boolean));
    expect(keys.size).toBeGreaterThan(2);
    expect(recordedNodePids(run).filter(processAlive)).toEqual([]);
  });
});
