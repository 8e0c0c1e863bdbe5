import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { readHistory } from '../../src/core/history-reader.js';
import { describeWith, etcdFacility } from '../support/facility.js';
import { runCliProcess, startCliProcess } from '../support/cli.js';
import { expectWellFormed } from '../support/history-shape.js';
import { processAlive } from '../support/processes.js';

let cwd: string;
let harness: ChildProcess | undefined;
let nodePids: number[] = [];

beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'faultline-interrupt-'));
});
afterEach(async () => {
  if (harness && harness.exitCode === null && harness.signalCode === null) harness.kill('SIGKILL');
  for (const pid of nodePids.filter(processAlive)) process.kill(pid, 'SIGKILL');
  nodePids = [];
  rmSync(cwd, { recursive: true, force: true });
});

const runDir = () => join(cwd, 'reports', 'latest');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits (bounded) until the run's history holds at least `bytes` bytes. */
async function waitForHistory(bytes: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const file = join(runDir(), 'history.jsonl');
    if (existsSync(file) && statSync(file).size >= bytes) return;
    if (harness?.exitCode !== null) throw new Error(`harness exited early (${harness?.exitCode})`);
    await sleep(100);
  }
  throw new Error('history did not grow');
}

const exited = (p: ChildProcess) => new Promise<number | null>((r) => p.once('exit', (code) => r(code)));
const recordedPids = () => JSON.parse(readFileSync(join(runDir(), 'pids.json'), 'utf8')).nodes as number[];

const args = ['run', '--target', 'etcd', '--nemesis', 'none', '--time-limit', '120', '--no-progress', '--seed', '3'];

describeWith([etcdFacility], 'interrupting a run', () => {
  it('Ctrl-C stops generating, tears the cluster down, and still writes history and results', async () => {
    harness = startCliProcess(args, { cwd });
    let out = '';
    harness.stdout?.on('data', (d) => (out += d));
    const done = exited(harness);
    await waitForHistory(100_000);
    nodePids = recordedPids();
    expect(nodePids).toHaveLength(3);
    harness.kill('SIGINT');
    const code = await done;
    expect([0, 1, 2]).toContain(code);
    expect(out).toContain('SIGINT: stopping');
    expect(nodePids.filter(processAlive)).toEqual([]);
    const history = await readHistory(join(runDir(), 'history.jsonl'));
    expect(expectWellFormed(history, { allComplete: true })).toBeGreaterThan(100);
    const results = JSON.parse(readFileSync(join(runDir(), 'results.json'), 'utf8'));
    expect(results.interrupted).toBe(true);
    expect(results.checks.linearizable.valid).toBe(true);
    expect(JSON.parse(readFileSync(join(runDir(), 'test.json'), 'utf8')).interrupted).toBe(true);
  });

  it('a harness killed with SIGKILL leaves a readable history prefix', async () => {
    harness = startCliProcess(args, { cwd });
    const done = exited(harness);
    await waitForHistory(100_000);
    nodePids = recordedPids();
    harness.kill('SIGKILL');
    await done;
    const warnings: string[] = [];
    const history = await readHistory(join(runDir(), 'history.jsonl'), { onWarning: (w) => warnings.push(w) });
    expect(warnings.length).toBeLessThanOrEqual(1);
    expect(expectWellFormed(history, { allComplete: false })).toBeGreaterThan(100);
    expect(existsSync(join(runDir(), 'results.json'))).toBe(false);

    // `analyze` checks the prefix that was left (ops cut off mid-flight count as indeterminate).
    const analyzed = await runCliProcess(['analyze', 'reports/latest'], { cwd });
    expect(analyzed.code).toBe(0);
    expect(analyzed.stdout).toContain('valid');
    expect(JSON.parse(readFileSync(join(runDir(), 'results.json'), 'utf8')).checks.linearizable.valid).toBe(true);
  });
});
