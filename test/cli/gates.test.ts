/**
 * `faultline run` as a CI gate. With the real CLI and a real short raft-kv run: an impossible
 * threshold exits 1 naming the threshold, the measured value and the limit — in the human summary
 * (stderr under --json), in the --json summary on stdout, and in the JUnit file, which a real XML
 * parser reads. In-process, with the fixture target (a real node process per node whose client
 * answers every read with null, so anything written makes the history not linearizable):
 * `--test-count 3` stops at the first invalid run, and makes every run (seeds seed..seed+2, a run
 * directory each) while they are valid. Bad values of the new flags: one line, exit 254.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { targets } from '../../targets/index.js';
import { runCliProcess } from '../support/cli.js';
import { fixtureTarget } from '../support/fixture-target.js';
import { killAlive, processAlive, recordedNodePids } from '../support/processes.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['testsuite', 'testcase'].includes(n) });

let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'faultline-gates-'));
  targets.fixture = fixtureTarget;
});
afterAll(() => {
  delete targets.fixture;
  const runs = existsSync(join(cwd, 'reports')) ? readdirSync(join(cwd, 'reports'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('pids.json')) : [];
  for (const f of runs) killAlive(recordedNodePids(resolve(cwd, 'reports', f, '..')));
  rmSync(cwd, { recursive: true, force: true });
});

describe('thresholds, --json and --junit on a real raft-kv run', () => {
  it('an impossible --min-throughput exits 1 naming the threshold, the measured value and the limit', async () => {
    const r = await runCliProcess(
      ['run', '--time-limit', '2', '--seed', '5', '--nemesis', 'partition', '--nemesis-opt', 'settle=0', '--no-progress', '--min-throughput', '1e9', '--max-p99-ms', '600000', '--junit', 'ci/junit.xml', '--json'],
      { cwd, timeoutMs: 120_000 },
    );
    const dir = resolve(cwd, 'reports', readlinkSync(join(cwd, 'reports', 'latest')));
    expect(recordedNodePids(dir).filter(processAlive)).toEqual([]);
    expect(r.code, r.stderr).toBe(1);

    // The human summary went to stderr, with the breach in words.
    const breach = /^ {13}BREACHED --min-throughput: throughput \(client completions in the load phase ÷ its seconds\) was ([\d.]+) ops\/s; the limit is at least 1000000000 ops\/s — breached$/m;
    const measured = Number(breach.exec(r.stderr)?.[1]);
    expect(measured, r.stderr).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/^thresholds {3}passed --max-p99-ms: p99 latency of ok client ops was [\d.]+ ms; the limit is at most 600000 ms$/m);
    expect(r.stderr.split('\n')[0]).toMatch(/, seed 5$/);

    // stdout is the JSON summary and nothing else.
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ exitCode: 1, passed: false, testCount: 1, stoppedAfter: 1 });
    const [run] = json.runs;
    expect(run).toMatchObject({ seed: 5, dir, exitCode: 1, report: join(dir, 'report.html') });
    expect(['valid', 'invalid', 'unknown']).toContain(run.verdict);
    expect(run.checks.linearizable).toMatchObject({ anomalies: expect.any(Number) });
    expect(run.stats.opsPerSec).toBeCloseTo(measured, 0);
    expect(run.thresholds).toEqual([
      expect.objectContaining({ threshold: '--max-p99-ms', limit: 600000, passed: true }),
      expect.objectContaining({ threshold: '--min-throughput', limit: 1e9, unit: 'ops/s', passed: false, measured: run.stats.opsPerSec }),
    ]);
    expect(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')).stats.opsPerSec).toBe(run.stats.opsPerSec);

    // The JUnit file (its directory created) carries the breach as a failure; the run directory has its own.
    const doc = parser.parse(readFileSync(join(cwd, 'ci', 'junit.xml'), 'utf8'));
    const suite = doc.testsuites.testsuite[0];
    expect(suite.name).toBe('raft-kv/register seed 5');
    const failed = suite.testcase.find((c: any) => c.classname === 'faultline.threshold' && c.name === '--min-throughput');
    expect(failed.failure.message).toBe(`--min-throughput: throughput (client completions in the load phase ÷ its seconds) was ${/was ([\d.]+) ops/.exec(r.stderr)![1]} ops/s; the limit is at least 1000000000 ops/s — breached`);
    expect(suite.testcase.find((c: any) => c.classname === 'faultline.checker').name).toBe('linearizable');
    expect(suite.testcase.filter((c: any) => c.classname === 'faultline.model').length).toBeGreaterThan(0);
    expect(parser.parse(readFileSync(join(dir, 'junit.xml'), 'utf8')).testsuites.testsuite).toHaveLength(1);
  }, 150_000);
});

/** Runs `faultline run …` in this process (the fixture target is only in this process's registry). */
async function runHere(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const collect = () => {
    const s = new PassThrough();
    let text = '';
    s.setEncoding('utf8').on('data', (c: string) => (text += c));
    return { s, text: () => text };
  };
  const [out, err] = [collect(), collect()];
  const code = await runCli(['node', 'faultline', 'run', ...args], { stdout: out.s, stderr: err.s });
  await new Promise((r) => setImmediate(r));
  return { code, stdout: out.text(), stderr: err.text() };
}

const FIXTURE = ['--target', 'fixture', '--nemesis', 'none', '--nodes', '3', '--concurrency', '3', '--time-limit', '1', '--op-timeout', '2', '--no-progress'];

describe('--test-count', () => {
  it('stops at the first invalid run and exits 1', async () => {
    const reports = join(cwd, 'count-invalid');
    const r = await runHere([...FIXTURE, '--seed', '100', '--test-count', '3', '--reports-dir', reports, '--json', '--junit', join(cwd, 'count.xml')]);
    expect(r.code, r.stderr).toBe(1);
    const runs = readdirSync(join(reports, 'fixture-register')).filter((d) => /^\d/.test(d));
    expect(runs).toHaveLength(1);
    expect(r.stderr).toMatch(/^faultline run: fixture\/register, .* seed 100 \(run 1 of 3\)$/m);
    expect(r.stderr).not.toMatch(/seed 101/);
    expect(r.stderr).toMatch(/^test-count: 1 run: 1 failed \(seed 100\); stopped after run 1 of 3 \(seed 100\)$/m);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ exitCode: 1, verdict: 'invalid', testCount: 3, stoppedAfter: 1 });
    expect(json.runs[0]).toMatchObject({ seed: 100, verdict: 'invalid', exitCode: 1 });
    // The JUnit failure carries the anomaly text.
    const suite = parser.parse(readFileSync(join(cwd, 'count.xml'), 'utf8')).testsuites.testsuite;
    expect(suite).toHaveLength(1);
    const checker = suite[0].testcase.find((c: any) => c.classname === 'faultline.checker');
    expect(checker.failure.message).toMatch(/^linearizable: \d+ anomal(y|ies) \(nonlinearizable\)$/);
    const anomaly = JSON.parse(readFileSync(join(reports, 'fixture-register', runs[0]!, 'results.json'), 'utf8')).anomalies[0];
    expect(checker.failure['#text']).toContain(`[nonlinearizable]`);
    expect(checker.failure['#text']).toContain(anomaly.explanation);
  }, 120_000);

  it('makes every run while they are valid, seeds seed..seed+n-1, each its own run directory', async () => {
    const reports = join(cwd, 'count-valid');
    const readsOnly = ['--workload-opt', 'write-weight=0', '--workload-opt', 'cas-weight=0'];
    const r = await runHere([...FIXTURE, ...readsOnly, '--seed', '200', '--test-count', '3', '--reports-dir', reports]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const runs = readdirSync(join(reports, 'fixture-register')).filter((d) => /^\d/.test(d)).sort();
    expect(runs).toHaveLength(3);
    const seeds = runs.map((d) => JSON.parse(readFileSync(join(reports, 'fixture-register', d, 'test.json'), 'utf8')).seed);
    expect(seeds).toEqual([200, 201, 202]);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('faultline run:')).map((l) => /seed (\d+) \(run (\d) of 3\)$/.exec(l)?.slice(1))).toEqual([
      ['200', '1'], ['201', '2'], ['202', '3'],
    ]);
    expect(r.stdout).toMatch(/^test-count: 3 runs: 3 passed \(seeds 200, 201, 202\)$/m);
  }, 120_000);
});

let refusals = 0;
describe('the CI flags refuse bad values with one line (254), before anything starts', () => {
  it.each([
    [['--test-count', '0'], '--test-count "0": expected a whole number from 1 to 10000'],
    [['--test-count', '1.5'], '--test-count "1.5": expected a whole number from 1 to 10000'],
    [['--min-availability', '1.2'], '--min-availability "1.2": expected a number from 0 to 1'],
    [['--max-p99-ms', '-1'], '--max-p99-ms "-1": expected a number of at least 0'],
    [['--min-throughput', 'fast'], '--min-throughput "fast": expected a number of at least 0'],
    [['--seed', '2147483647', '--test-count', '2'], '--test-count 2: the seeds 2147483647..2147483648 pass the largest seed 2147483647; give a smaller --seed'],
    [['--nemesis', 'none', '--min-availability', '0.5'], '--min-availability bounds the ok fraction of ops while faults are active, and this run injects no faults (--nemesis none)'],
    [['--junit', '.'], '--junit .: is a directory; expected a file name'],
    [['--junit', 'ci/junit.xml', '--nodes', '0'], '--nodes "0": expected a whole number from 1 to 15'], // and no ci/ made
  ])('run %j', async (args, message) => {
    const dir = join(cwd, `refuse-${refusals++}`);
    mkdirSync(dir);
    const r = await runCliProcess(['run', ...args], { cwd: dir });
    expect(r.code, r.stderr).toBe(254);
    expect(r.stderr).toBe(`faultline: ${message}\n`);
    expect(readdirSync(dir)).toEqual([]);
  });
});
