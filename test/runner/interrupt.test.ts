import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readHistory } from '../../src/core/history-reader.js';
import { describeWith, etcdFacility } from '../support/facility.js';
import { runCliProcess } from '../support/cli.js';
import { useHarnessRun } from '../support/harness-run.js';
import { expectWellFormed } from '../support/history-shape.js';
import { processAlive } from '../support/processes.js';

const run = useHarnessRun('faultline-interrupt-');
const historyAtLeast = (bytes: number) => () => statSync(join(run.runDir(), 'history.jsonl')).size >= bytes;

const args = ['run', '--target', 'etcd', '--nemesis', 'none', '--time-limit', '120', '--no-progress', '--seed', '3'];

describeWith([etcdFacility], 'interrupting a run', () => {
  it('Ctrl-C stops generating, tears the cluster down, and still writes history and results', async () => {
    const { harness, exited } = run.start(args);
    let out = '';
    harness.stdout?.on('data', (d) => (out += d));
    await run.waitFor(historyAtLeast(100_000), 'a history of 100 kB');
    const nodePids = run.recordNodePids();
    expect(nodePids).toHaveLength(3);
    harness.kill('SIGINT');
    const code = await exited;
    expect(code).toBe(2); // interrupted, the history valid so far: unknown
    expect(out).toContain('SIGINT: stopping');
    expect(nodePids.filter(processAlive)).toEqual([]);
    const history = await readHistory(join(run.runDir(), 'history.jsonl'));
    expect(expectWellFormed(history, { allComplete: true })).toBeGreaterThan(100);
    const results = JSON.parse(readFileSync(join(run.runDir(), 'results.json'), 'utf8'));
    expect(results.interrupted).toBe(true);
    expect(results.checks.linearizable.valid).toBe(true);
    expect(JSON.parse(readFileSync(join(run.runDir(), 'test.json'), 'utf8')).interrupted).toBe(true);
  });

  it('a harness killed with SIGKILL leaves a readable history prefix', async () => {
    const { harness, exited } = run.start(args);
    await run.waitFor(historyAtLeast(100_000), 'a history of 100 kB');
    run.recordNodePids();
    harness.kill('SIGKILL');
    await exited;
    const warnings: string[] = [];
    const history = await readHistory(join(run.runDir(), 'history.jsonl'), { onWarning: (w) => warnings.push(w) });
    expect(warnings.length).toBeLessThanOrEqual(1);
    expect(expectWellFormed(history, { allComplete: false })).toBeGreaterThan(100);
    expect(existsSync(join(run.runDir(), 'results.json'))).toBe(false);

    // `analyze` checks the prefix that was left (ops cut off mid-flight count as indeterminate), says
    // the history is cut short, and so cannot call the run valid (exit 2).
    const analyzed = await runCliProcess(['analyze', 'reports/latest'], { cwd: run.cwd });
    expect(analyzed.code).toBe(2);
    expect(analyzed.stdout).toMatch(/history +cut short: the harness ended without finishing the run/);
    expect(analyzed.stdout).toContain('the history recorded until then is valid');
    expect(JSON.parse(readFileSync(join(run.runDir(), 'results.json'), 'utf8')).checks.linearizable.valid).toBe(true);
  });
});
