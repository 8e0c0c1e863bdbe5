import { existsSync, mkdtempSync, readFileSync, readlinkSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysWritten } from '../../workloads/read-back.js';
import { UserError } from '../../src/core/errors.js';
import { readHistory } from '../../src/core/history-reader.js';
import { runTest } from '../../src/runner/run.js';
import { runOptionsSchema, type RunOptions } from '../../src/runner/run-options.js';
import { targets } from '../../targets/index.js';
import { describeWith, etcdFacility } from '../support/facility.js';
import { fixtureTarget } from '../support/fixture-target.js';
import { expectWellFormed } from '../support/history-shape.js';
import { processAlive, recordedNodePids } from '../support/processes.js';

const quiet = { out: { write: () => true } as unknown as NodeJS.WritableStream, progress: false };

let reports: string;
beforeAll(() => {
  reports = mkdtempSync(join(tmpdir(), 'faultline-run-'));
  targets.fixture = fixtureTarget;
});
afterAll(() => {
  delete targets.fixture;
  rmSync(reports, { recursive: true, force: true });
});

const options = (o: Partial<RunOptions>): RunOptions =>
  runOptionsSchema.parse({
    target: 'fixture',
    workload: 'register',
    nemesis: ['none'],
    nodes: 3,
    concurrency: 4,
    timeLimit: 2,
    seed: 11,
    rate: 0,
    opTimeout: 2,
    reportsDir: reports,
    ...o,
  });

describe('runTest', () => {
  it('stores a complete run directory, and the checker catches a target that is not a register', async () => {
    const { dir, results, failure } = await runTest(options({}), quiet);
    expect(failure).toBeUndefined();
    for (const f of ['test.json', 'history.jsonl', 'results.json', 'harness.log', 'pids.json']) expect(existsSync(join(dir, f))).toBe(true);
    expect(readdirSync(join(dir, 'nodes')).filter((f) => f.endsWith('.log')).sort()).toEqual(['n1.log', 'n2.log', 'n3.log']);
    expect(resolve(reports, readlinkSync(join(reports, 'latest')))).toBe(dir);

    const history = await readHistory(join(dir, 'history.jsonl'));
    const completed = expectWellFormed(history, { allComplete: true });
    expect(completed).toBeGreaterThan(100);
    expect(results.stats.ops).toBe(completed);

    // The fixture answers every read with null, even after acknowledged writes: not a register.
    expect(results.valid).toBe(false);
    expect(results.checks.linearizable.valid).toBe(false);
    expect(results.anomalies.length).toBeGreaterThan(0);

    const test = JSON.parse(readFileSync(join(dir, 'test.json'), 'utf8'));
    expect(test.seed).toBe(11);
    expect(test.command).toContain('--seed 11');
    expect(test.command).toContain('--target fixture');
    // In the README's form (not a slow first npx), in test.json and in harness.log.
    expect(test.command).toMatch(/^node bin\/faultline\.js run --target fixture /);
    expect(readFileSync(join(dir, 'harness.log'), 'utf8')).toContain(`reproduce with: ${test.command}`);
    expect(test.versions.node).toBe(process.version);
    const pids = recordedNodePids(dir);
    expect(pids.filter(processAlive)).toEqual([]);
  });

  it('gives the same op sequence for the same seed', async () => {
    const opsOf = async (seed: number) => {
      // Without the read-back, whose keys depend on how far the load got (timing, not the seed). The
      // load ends at 60 ops, not after a time a loaded machine may do only a few ops in.
      const { dir } = await runTest(options({ seed, concurrency: 1, timeLimit: 30, opLimit: 60, workloadOpts: { 'read-back': 'false' } }), quiet);
      const h = await readHistory(join(dir, 'history.jsonl'));
      return h.filter((op) => op.type === 'invoke').map((op) => `${op.f}:${op.key}:${JSON.stringify(op.value)}`);
    };
    const [a, b] = [await opsOf(5), await opsOf(5)];
    const n = Math.min(a.length, b.length);
    expect(n).toBeGreaterThan(20);
    expect(a.slice(0, n)).toEqual(b.slice(0, n));
    const c = await opsOf(6);
    expect(c.slice(0, n)).not.toEqual(a.slice(0, n));
  });

  it('rejects a bad target option before creating anything', async () => {
    const before = readdirSync(reports).length;
    const err = await runTest(options({ targetOpts: { nope: '1' } }), quiet).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toBe('--target-opt nope: not an option of target fixture (known: crash)');
    expect(readdirSync(reports).length).toBe(before);
  });

  it('rejects a runtime option the runtime does not take, before creating anything', async () => {
    const before = readdirSync(reports).length;
    const err = await runTest(options({ runtimeOpts: { image: 'x' } }), quiet).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toBe('--runtime-opt image: runtime local takes no options');
    expect(readdirSync(reports).length).toBe(before);
  });

  it('reports a cluster that will not start as a failed run, with results saying why', async () => {
    const { dir, results, failure } = await runTest(options({ targetOpts: { crash: 'true' } }), quiet);
    expect(failure?.message).toMatch(/node n\d exited \(3\) during startup/);
    expect(results.valid).toBe('unknown');
    expect(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')).error).toMatch(/during startup/);
  });
});

describeWith([etcdFacility], 'runTest against a real etcd cluster', () => {
  it('records several thousand consistent ops and judges them linearizable', async () => {
    const { dir, results, failure } = await runTest(
      // Bounded by op count, not time, so a loaded machine takes longer instead of recording fewer.
      options({ target: 'etcd', nodes: 3, concurrency: 6, timeLimit: 120, opLimit: 2500, opTimeout: 5, seed: 7 }),
      quiet,
    );
    expect(failure).toBeUndefined();
    const history = await readHistory(join(dir, 'history.jsonl'));
    const completed = expectWellFormed(history, { allComplete: true });
    // The op limit, then the read-back: one read of every key written.
    expect(completed).toBe(2500 + keysWritten(history).length);
    expect(new Set(history.map((op) => op.key)).size).toBeGreaterThan(1);
    expect(results.checks.linearizable.valid).toBe(true);
    const pids = recordedNodePids(dir);
    expect(pids).toHaveLength(3);
    expect(pids.filter(processAlive)).toEqual([]);
  });
});
