/**
 * End to end: the transactional workloads on real targets (bench/cases/transactional.ts). raft-kv runs
 * every transaction through its log, so it must stay strict-serializable under partitions, kills and
 * pauses; its `txn-mode=split` fault switch breaks atomicity, and the checkers must rule out the models
 * that need it; etcd's transactions (optimistic, compare on mod revision) must stay valid. Short runs:
 * `bench/transactional.ts` repeats each case over five seeds.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TRANSACTIONAL_CASES, type TransactionalCase } from '../../bench/cases/transactional.js';
import { runCliProcess } from '../support/cli.js';
import { describeWith, etcdFacility } from '../support/facility.js';
import { killAlive, processAlive, recordedNodePids } from '../support/processes.js';

const reports = mkdtempSync(join(tmpdir(), 'faultline-txn-e2e-'));
const runDirs: string[] = [];
afterAll(() => {
  for (const dir of runDirs.filter((d) => existsSync(join(d, 'pids.json')))) killAlive(recordedNodePids(dir));
  rmSync(reports, { recursive: true, force: true });
});

let runs = 0;
async function run(c: TransactionalCase, seed: number) {
  const dir = join(reports, String(runs++));
  const r = await runCliProcess([...['run'], ...c.args, '--time-limit', '6', '--seed', String(seed), '--no-progress', '--reports-dir', dir], { timeoutMs: 120_000 });
  const [store] = readdirSync(dir).filter((x) => !x.endsWith('.html') && x !== 'latest');
  const [stamp] = readdirSync(join(dir, store!)).filter((x) => /^\d/.test(x));
  const runDir = join(dir, store!, stamp!);
  runDirs.push(runDir);
  const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8'));
  const history = readFileSync(join(runDir, 'history.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  return { ...r, results, history, runDir };
}

function defineCase(c: TransactionalCase): void {
    it(c.name, { timeout: 240_000 }, async () => {
      if (c.expect === 'valid') {
        const r = await run(c, 1);
        expect(r.code, r.stdout + r.stderr).toBe(0);
        expect(r.results.models['strict-serializable']).toMatchObject({ status: 'holds' });
        // It was a real transactional run: committed transactions with reads that saw earlier appends or writes.
        const oks = r.history.filter((op) => op.type === 'ok' && op.f === 'txn');
        expect(oks.length).toBeGreaterThan(10);
        expect(oks.some((op) => op.value.some(([f, , v]: [string, string, unknown]) => f === 'r' && v !== null && !(Array.isArray(v) && v.length === 0)))).toBe(true);
        if (c.args.includes('partition,kill,pause') || c.args.includes('kill,pause')) {
          expect(r.history.some((op) => op.process === 'nemesis' && op.type !== 'invoke' && ['start-partition', 'kill', 'pause'].includes(op.f))).toBe(true);
        }
        expect(recordedNodePids(r.runDir).filter(processAlive)).toEqual([]);
        return;
      }
      // Ruled out: within two seeds, with every model named ruled out.
      let found: Awaited<ReturnType<typeof run>> | undefined;
      for (const seed of [1, 2]) {
        const r = await run(c, seed);
        if (r.code === 1) {
          found = r;
          break;
        }
      }
      expect(found, `${c.name}: no anomaly in two seeds`).toBeDefined();
      for (const m of c.ruledOut ?? []) expect(found!.results.models[m]?.status, `${c.name}: ${m}`).toBe('ruled-out');
      const anomaly = found!.results.anomalies[0];
      expect(anomaly.explanation.length).toBeGreaterThan(20);
      expect(anomaly.ops.length).toBeGreaterThan(0);
    });
}

describe('transactional workloads end to end on raft-kv', () => {
  for (const c of TRANSACTIONAL_CASES.filter((x) => !x.etcd)) defineCase(c);
});

describeWith([etcdFacility], 'transactional workloads end to end on etcd', () => {
  for (const c of TRANSACTIONAL_CASES.filter((x) => x.etcd)) defineCase(c);
});
