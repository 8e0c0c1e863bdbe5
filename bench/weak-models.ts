/**
 * Benchmark of the weak-model checkers (checker time only: histories are generated before the clock
 * starts). Prints wall and CPU milliseconds of the first run (cold: nothing compiled yet, as in a
 * `faultline run`) and the median of the next runs (warm):
 *  - session guarantees and causal consistency (CC, CCv, CM) on a 100,000-op kv history from a
 *    simulated replicated store (`kv-history.ts`; it satisfies every model, so every check runs to
 *    the end), and on the same store with replicas that do not apply a client's own write at once
 *    (it breaks read-your-writes and causality, so the checks have violations to report);
 *  - sequential consistency against linearizability on the histories the linearizability benchmark
 *    uses: the 100,000-op register history (`register-history.ts`) and Porcupine's etcd logs (if the
 *    checkout has them, see test/fixtures/porcupine).
 *
 *   npm run bench:weak
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { causalChecker } from '../src/checkers/causal.js';
import { linearizableChecker } from '../src/checkers/linearizable.js';
import { toOperations } from '../src/checkers/linearizable-ops.js';
import { sequentialChecker } from '../src/checkers/sequential.js';
import { sessionChecker } from '../src/checkers/session.js';
import type { Checker, CheckResult } from '../src/core/checker.js';
import type { Op } from '../src/core/op.js';
import { importPorcupineLog } from '../src/importers/porcupine-log.js';
import { casRegisterModel, checkOperations, checkSequential, type Operation } from '../src/porcupine/index.js';
import { kvHistory } from './kv-history.js';
import { registerHistory } from './register-history.js';

const here = dirname(fileURLToPath(import.meta.url));
// dist/bench → repository root → test/fixtures/porcupine (vendored, MIT: see the licence there)
const ETCD = resolve(here, '../../test/fixtures/porcupine/jepsen');
const test = { name: 'bench', workload: 'kv', target: 'generated', concurrency: 10, seed: 1 };
const WARM = 5;

interface Timing {
  wall: number;
  cpu: number;
}

function timed<T>(fn: () => T): Timing & { out: T } {
  const c = process.cpuUsage();
  const t = performance.now();
  const out = fn();
  const wall = performance.now() - t;
  const u = process.cpuUsage(c);
  return { wall, cpu: (u.user + u.system) / 1000, out };
}

async function timedAsync<T>(fn: () => Promise<T>): Promise<Timing & { out: T }> {
  const c = process.cpuUsage();
  const t = performance.now();
  const out = await fn();
  const wall = performance.now() - t;
  const u = process.cpuUsage(c);
  return { wall, cpu: (u.user + u.system) / 1000, out };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number): string => `${x.toFixed(0).padStart(6)} ms`;

/** Runs a checker cold once and warm `WARM` times; prints the figures and the verdicts. */
async function row(label: string, checker: Checker, history: Op[]): Promise<void> {
  const cold = await timedAsync(() => checker.check(test, history, {}));
  const warm: Timing[] = [];
  for (let i = 0; i < WARM; i++) warm.push(await timedAsync(() => checker.check(test, history, {})));
  const r: CheckResult = cold.out;
  const models = Object.entries(r.models ?? {})
    .map(([m, v]) => `${m} ${v.status}`)
    .join(', ');
  console.log(
    `${label.padEnd(36)} cold ${ms(cold.wall)} (cpu ${ms(cold.cpu)})   warm ${ms(median(warm.map((w) => w.wall)))} (cpu ${ms(median(warm.map((w) => w.cpu)))})`,
  );
  console.log(`${''.padEnd(36)} valid ${String(r.valid)}; ${models}; ${JSON.stringify(r.stats?.violations ?? {})}`);
}

function shape(history: Op[]): string {
  const client = history.filter((o) => o.type === 'invoke' && o.process !== 'nemesis');
  const processes = new Set(client.map((o) => o.process)).size;
  const keys = new Set(client.map((o) => o.key)).size;
  const info = history.filter((o) => o.type === 'info').length;
  return `${client.length} ops, ${processes} processes (${info} timed out), ${keys} keys`;
}

async function weak(): Promise<void> {
  const valid = kvHistory({ ops: 100_000, keys: 1000, workers: 10, seed: 1 });
  const broken = kvHistory({ ops: 100_000, keys: 1000, workers: 10, seed: 1, ownWritesLate: true });
  console.log(`kv history: ${shape(valid)}; every model holds`);
  await row('session guarantees', sessionChecker({ maxAnomalies: 10 }), valid);
  await row('causal (CC, CCv, CM)', causalChecker({ maxAnomalies: 10 }), valid);
  console.log(`\nkv history, own writes applied late: ${shape(broken)}`);
  await row('session guarantees', sessionChecker({ maxAnomalies: 10 }), broken);
  await row('causal (CC, CCv, CM)', causalChecker({ maxAnomalies: 10 }), broken);
}

async function sequential(): Promise<void> {
  const register = registerHistory({ ops: 100_000, keys: 1000, seed: 7 });
  console.log(`\nregister history (the linearizability benchmark's): ${shape(register)}`);
  await row('sequential', sequentialChecker({ model: 'cas-register', timeoutMs: 120_000 }), register);
  await row('linearizable', linearizableChecker({ model: 'cas-register', timeoutMs: 120_000 }), register);
  if (!existsSync(join(ETCD, 'etcd_000.log'))) {
    console.log(`\netcd logs: not in this checkout (${ETCD}); skipped`);
    return;
  }
  const expected = readFileSync(join(ETCD, 'EXPECTED.txt'), 'utf8').trim().split('\n').map((l) => l.split(/\s+/));
  const logs: { file: string; ops: Operation[] }[] = [];
  for (const [file] of expected) logs.push({ file, ops: toOperations('cas-register', await importPorcupineLog(join(ETCD, file))).operations });
  const run = (check: (ops: Operation[]) => string) => {
    const verdicts: Record<string, number> = {};
    const times = logs.map(({ file, ops }) => {
      const t = timed(() => check(ops));
      verdicts[t.out] = (verdicts[t.out] ?? 0) + 1;
      return { file, ms: t.wall };
    });
    const slow = [...times].sort((a, b) => b.ms - a.ms);
    return { total: times.reduce((s, t) => s + t.ms, 0), verdicts, slow };
  };
  const seqCheck = (ops: Operation[]) => checkSequential(casRegisterModel, ops, { timeoutMs: 60_000 });
  const linCheck = (ops: Operation[]) => checkOperations(casRegisterModel, ops, { timeoutMs: 60_000 });
  run(linCheck); // warm-up
  const lin = run(linCheck);
  const seq = run(seqCheck);
  console.log(`\n${logs.length} etcd logs (cas-register), one after another, 60 s timeout each:`);
  console.log(`  linearizable  ${ms(lin.total)} in all  ${JSON.stringify(lin.verdicts)}`);
  console.log(`  sequential    ${ms(seq.total)} in all  ${JSON.stringify(seq.verdicts)}`);
  const rest = seq.slow.slice(1).reduce((s, t) => s + t.ms, 0);
  console.log(`  sequential, slowest: ${seq.slow[0].file} ${ms(seq.slow[0].ms)}; the other ${logs.length - 1} together ${ms(rest)}`);
}

await weak();
await sequential();
