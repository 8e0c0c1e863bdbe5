/**
 * Benchmark of the linearizability engine on Porcupine's own corpus, against Go Porcupine's figures
 * (the Go figures below were measured on this kind of machine with Go 1.19). Engine rows: checker time
 * only: files are read, parsed and converted before the clock starts, and every row is run once as
 * warm-up before the measured run. CLI rows (porcupine-cli.ts): `faultline check` on every corpus file
 * in a child process, process start included, with its peak RSS, against engine time + process start.
 *
 *   npm run bench:porcupine            all rows
 *   node dist/bench/porcupine.js --scale   only the 100,000-op register history (own peak RSS)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { linearizableChecker, type LinearizableOptions } from '../src/checkers/linearizable.js';
import { toOperations } from '../src/checkers/linearizable-ops.js';
import { importPorcupineKv } from '../src/importers/porcupine-kv.js';
import { importPorcupineLog } from '../src/importers/porcupine-log.js';
import { casRegisterModel, checkOperations, kvModel, kvModelUnpartitioned, type Model, type Operation } from '../src/porcupine/index.js';
import type { Op } from '../src/core/op.js';
import { cliRowsInChild, type CliCase } from './porcupine-cli.js';
import { registerHistory } from './register-history.js';

const here = dirname(fileURLToPath(import.meta.url));
// dist/bench → repository root → test/fixtures/porcupine (vendored, MIT: see the licence there)
const DATA = resolve(here, '../../test/fixtures/porcupine');
const BIN = resolve(here, '../../bin/faultline.js');
/** Runs per CLI row (the best is shown). */
const CLI_RUNS = 3;

function time(fn: () => unknown): { ms: number; out: unknown } {
  const t = performance.now();
  const out = fn();
  return { ms: performance.now() - t, out };
}

function row(name: string, ms: number, verdict: unknown, go: string): void {
  console.log(`${name.padEnd(34)} ${ms.toFixed(1).padStart(9)} ms  ${String(verdict).padEnd(8)} Go: ${go}`);
}

const TEST = { name: 'bench', workload: 'register', target: 'imported', concurrency: 0, seed: 0 };

/**
 * The engine's in-process ms for what `faultline check` does with a history: the linearizable
 * checker's verdict and, for an invalid one, the search for the other bad keys with the same budget;
 * warm (run once before), best of three.
 */
async function explainedMs(model: LinearizableOptions['model'], history: Op[], explainTimeoutMs?: number): Promise<number> {
  const checker = linearizableChecker({ model, ...(explainTimeoutMs !== undefined ? { explainTimeoutMs } : {}) });
  await checker.check(TEST, history, {});
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await checker.check(TEST, history, {});
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

async function corpus(): Promise<void> {
  const expected = readFileSync(join(DATA, 'jepsen/EXPECTED.txt'), 'utf8').trim().split('\n').map((l) => l.split(/\s+/));
  const etcd: { file: string; history: Op[]; ops: Operation[]; want: string }[] = [];
  for (const [file, verdict] of expected) {
    const history = await importPorcupineLog(join(DATA, 'jepsen', file));
    etcd.push({ file, history, ops: toOperations('cas-register', history).operations, want: verdict === 'linearizable' ? 'ok' : 'illegal' });
  }
  const run = <S, I, O>(m: Model<S, I, O>, ops: Operation[]): unknown => checkOperations(m, ops as Operation<I, O>[], { timeoutMs: 60_000 });
  for (const e of etcd) run(casRegisterModel, e.ops); // warm-up
  console.log('etcd logs, cas-register model, per file:');
  let total = 0;
  const line: string[] = [];
  const etcdMs = new Map<string, number>();
  for (const e of etcd) {
    const { ms, out } = time(() => run(casRegisterModel, e.ops));
    if (out !== e.want) throw new Error(`${e.file}: got ${String(out)}, expected ${e.want}`);
    total += ms;
    etcdMs.set(e.file, ms);
    line.push(`${e.file.slice(5, 8)} ${ms.toFixed(2)}`);
    if (line.length === 8) console.log('  ' + line.splice(0).join('  '));
  }
  if (line.length) console.log('  ' + line.join('  '));
  const worst = etcd.map((e) => ({ e, ms: time(() => run(casRegisterModel, e.ops)).ms })).sort((a, b) => b.ms - a.ms)[0];
  console.log();
  row(`all ${etcd.length} etcd logs (sum)`, total, 'verdicts as expected', '420–580 ms');
  row(`worst single file (${worst.e.file})`, worst.ms, worst.e.want, 'etcd_002 170–250 ms');

  const kv = async (name: string): Promise<Operation[]> => toOperations('kv', await importPorcupineKv(join(DATA, 'kv', `${name}.txt`))).operations;
  const rows: [string, Model<any, any, any>, string, string, string][] = [
    ['kv c50-ok, partitioned', kvModel, 'c50-ok', 'ok', '120–180 ms'],
    ['kv c50-bad, partitioned', kvModel, 'c50-bad', 'illegal', '20–30 ms'],
    ['kv c10-ok, NOT partitioned', kvModelUnpartitioned, 'c10-ok', 'ok', '1900 ms'],
    ['kv c10-bad, NOT partitioned', kvModelUnpartitioned, 'c10-bad', 'illegal', '2200 ms'],
  ];
  for (const [label, model, file, want, go] of rows) {
    const ops = await kv(file);
    run(model, ops); // warm-up
    const { ms, out } = time(() => run(model, ops));
    if (out !== want) throw new Error(`${file}: got ${String(out)}, expected ${want}`);
    row(label, ms, out, go);
  }

  // Ablation: the same rows with the read-only pruning off (models without `readOnly`).
  console.log('\nwithout the read-only pruning (ablation):');
  const plainCas = { ...casRegisterModel, readOnly: undefined };
  for (const e of etcd) run(plainCas, e.ops);
  const ablatedMs = etcd.reduce((sum, e) => sum + time(() => run(plainCas, e.ops)).ms, 0);
  row(`all ${etcd.length} etcd logs (sum)`, ablatedMs, '', '');
  for (const [label, model, file] of rows) {
    const ops = await kv(file);
    const plain = { ...model, readOnly: undefined };
    run(plain, ops);
    const { ms, out } = time(() => run(plain, ops));
    row(label, ms, out, '');
  }

  // The CLI path: every file as `faultline check` with the model it gets there (kv: partitioned).
  const cases: CliCase[] = [];
  for (const name of ['c01-ok', 'c01-bad', 'c10-ok', 'c10-bad', 'c50-ok', 'c50-bad']) {
    const history = await importPorcupineKv(join(DATA, 'kv', `${name}.txt`));
    const ops = toOperations('kv', history).operations;
    run(kvModel, ops);
    const engineMs = time(() => run(kvModel, ops)).ms;
    const args = ['check', join(DATA, 'kv', `${name}.txt`), '--format', 'porcupine-kv', '--model', 'kv'];
    const exit = name.endsWith('-ok') ? 0 : 1;
    const invalid = exit === 1 ? { explainedMs: await explainedMs('kv', history) } : {};
    cases.push({ label: `kv ${name}`, args, engineMs, ...invalid, exit });
    if (name === 'c50-bad') cases.push({ label: 'kv c50-bad --explain-timeout 0', args: [...args, '--explain-timeout', '0'], engineMs, explainedMs: await explainedMs('kv', history, 0), exit });
  }
  const etcdFiles = [];
  for (const e of etcd) {
    const invalid = e.want === 'illegal' ? { explainedMs: await explainedMs('cas-register', e.history) } : {};
    etcdFiles.push({ path: join(DATA, 'jepsen', e.file), engineMs: etcdMs.get(e.file)!, ...invalid, exit: e.want === 'ok' ? 0 : 1 });
  }
  cliRowsInChild({ bin: BIN, etcd: etcdFiles, cases, runs: CLI_RUNS });
}

async function scale(): Promise<void> {
  const history = registerHistory({ ops: 100_000, keys: 1_000, seed: 7 });
  const checker = linearizableChecker({ model: 'cas-register', timeoutMs: 120_000 });
  const test = { name: 'scale', workload: 'register', target: 'generated', concurrency: 5, seed: 7 };
  const before = process.memoryUsage().rss;
  const t = performance.now();
  const result = await checker.check(test, history, {});
  const ms = performance.now() - t;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  row('register 100k ops / 1000 keys', ms, result.valid, '— (not measured)');
  console.log(`  ${history.length} records; RSS before check ${(before / 1e6).toFixed(0)} MB, peak RSS ${peakMb.toFixed(0)} MB (history generation included)`);
}

if (process.argv.includes('--scale')) {
  await scale();
} else {
  await corpus();
  // The scale row runs in its own process so that its peak memory is its own.
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--scale'], { stdio: 'inherit' });
  if (child.status !== 0) process.exitCode = child.status ?? 1;
}
