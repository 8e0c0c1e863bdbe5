/**
 * End to end: `faultline run --target raft-kv` under real faults reaches the verdict each read mode
 * deserves (targets/raft-kv/verification-cases.ts, the cases marked e2e). The safe mode must be valid;
 * an unsafe mode must be caught, trying up to three seeds, each run also showing that the fault that
 * exposes it really happened. Runs are short here; `bench/verification.ts` runs every case for 60 s over
 * more seeds for the README's table. Each run's harness tears its cluster down itself; the test then
 * checks by PID that no node it started is left.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VERIFICATION_CASES, type VerificationCase } from '../../targets/raft-kv/verification-cases.js';
import { runCliProcess } from '../support/cli.js';
import { killAlive, processAlive, recordedNodePids } from '../support/processes.js';

const TIME_LIMIT = '15';
const SEEDS = [1, 2, 3];
const reports = mkdtempSync(join(tmpdir(), 'faultline-verify-'));
const runDirs: string[] = [];
afterAll(() => {
  // Should a run's own teardown have failed, end the node processes it recorded, by PID.
  for (const dir of runDirs.filter((d) => existsSync(join(d, 'pids.json')))) killAlive(recordedNodePids(dir));
  rmSync(reports, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  dir: string;
}

let runs = 0;
async function faultlineRun(c: VerificationCase, seed: number): Promise<Run> {
  const dir = join(reports, String(runs++));
  const r = await runCliProcess(['run', '--target', 'raft-kv', ...c.args, '--time-limit', TIME_LIMIT, '--seed', String(seed), '--no-progress', '--reports-dir', dir], {
    timeoutMs: 120_000,
  });
  const [store] = readdirSync(dir).filter((x) => x.startsWith('raft-kv'));
  const [run] = readdirSync(join(dir, store!)).filter((x) => /^\d/.test(x));
  runDirs.push(join(dir, store!, run!));
  return { ...r, dir: join(dir, store!, run!) };
}

function nemesisOps(run: Run): { type: string; f: string; value: any }[] {
  return readFileSync(join(run.dir, 'history.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .filter((op) => op.process === 'nemesis');
}

/** The run injected faults, and left no node process behind. */
function expectFaultsAndNoLeftovers(c: VerificationCase, run: Run): void {
  const done = nemesisOps(run).filter((op) => op.type === 'ok');
  expect(done.some((op) => op.f === 'start-partition' || op.f === 'kill' || op.f === 'pause'), `${c.name}: no fault was applied`).toBe(true);
  if (c.args.includes('partition.leader-clock=strobe')) {
    const strobes = done.filter((op) => op.f === 'start-partition' && op.value?.clockStrobe);
    expect(strobes.length, `${c.name}: no isolated leader had its clock strobed`).toBeGreaterThan(0);
    expect(done.some((op) => op.f === 'stop-partition' && op.value?.clockRestored?.flips > 0)).toBe(true);
  }
  expect(recordedNodePids(run.dir).filter(processAlive), 'node processes left running').toEqual([]);
}

function verdictOf(run: Run): { valid: boolean; kinds: string[] } {
  const results = JSON.parse(readFileSync(join(run.dir, 'results.json'), 'utf8'));
  const kinds = Object.values(results.checks as Record<string, { anomalies?: { kind: string }[] }>).flatMap((c) => (c.anomalies ?? []).map((a) => a.kind));
  return { valid: results.valid, kinds };
}

describe('raft-kv read modes under faults, end to end', () => {
  for (const c of VERIFICATION_CASES.filter((x) => x.e2e)) {
    if (c.expect === 'valid') {
      it(`${c.name}: valid`, async () => {
        const run = await faultlineRun(c, SEEDS[0]!);
        expect(run.code, run.stdout + run.stderr).toBe(0);
        expect(verdictOf(run)).toEqual({ valid: true, kinds: [] });
        expectFaultsAndNoLeftovers(c, run);
      }, 150_000);
    } else {
      it(`${c.name}: a linearizability anomaly is found within ${SEEDS.length} seeds`, async () => {
        const codes: (number | null)[] = [];
        for (const seed of SEEDS) {
          const run = await faultlineRun(c, seed);
          codes.push(run.code);
          expect([0, 1], run.stdout + run.stderr).toContain(run.code);
          expectFaultsAndNoLeftovers(c, run);
          if (run.code === 1) {
            expect(verdictOf(run)).toMatchObject({ valid: false, kinds: expect.arrayContaining(['nonlinearizable']) });
            expect(run.stdout).toMatch(/linearizable INVALID/);
            return;
          }
        }
        expect.fail(`${c.name}: no anomaly in seeds ${SEEDS.join(', ')} (exit codes ${codes.join(', ')})`);
      }, 450_000);
    }
  }
});
