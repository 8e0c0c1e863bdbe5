/**
 * The whole CLI path on Porcupine's corpus: `node bin/faultline.js check FILE …` in a child process,
 * process start, import, verdict and explanation included, measured from outside: wall time by the
 * parent, peak RSS by GNU time (`/usr/bin/time -f %M`; "n/a" without it). Each row is compared with
 * the engine's in-process figure for the same file (warm, verdict only) plus one bare process start
 * (`faultline --version`); the target is at most 2× that, flagged "> 2×" when missed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';

const TIME = '/usr/bin/time';

/** One CLI run: wall milliseconds, peak RSS in MB (if measurable), exit code. */
export interface CliRun {
  ms: number;
  rssMb: number | undefined;
  code: number | null;
}

/** Runs `node bin args…` once and measures it. */
export function runCli(bin: string, args: string[]): CliRun {
  const timed = existsSync(TIME);
  const [cmd, argv] = timed ? [TIME, ['-f', 'maxrss-kb %M', process.execPath, bin, ...args]] : [process.execPath, [bin, ...args]];
  const t = performance.now();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = performance.now() - t;
  const kb = /maxrss-kb (\d+)\s*$/.exec(r.stderr ?? '')?.[1];
  return { ms, rssMb: kb === undefined ? undefined : Number(kb) / 1024, code: r.status };
}

/** The best (least disturbed by other load) of `n` runs: the lowest wall time, and the highest RSS seen. */
export function bestOf(n: number, bin: string, args: string[]): CliRun {
  const runs = Array.from({ length: n }, () => runCli(bin, args));
  const rss = runs.map((r) => r.rssMb).filter((x): x is number => x !== undefined);
  return { ...runs.reduce((a, b) => (b.ms < a.ms ? b : a)), rssMb: rss.length ? Math.max(...rss) : undefined };
}

/** A CLI case: a label, the check arguments, the engine's in-process ms for the same work, the expected exit code. */
export interface CliCase {
  label: string;
  args: string[];
  engineMs: number;
  exit: number;
}

const mb = (x: number | undefined): string => (x === undefined ? 'n/a' : `${x.toFixed(0)} MB`);
const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');

function line(label: string, ms: number, rssMb: number | undefined, bound: number): void {
  const ratio = ms / bound;
  const flag = ratio > 2 ? '  > 2×' : '';
  console.log(`${label.padEnd(46)} ${ms.toFixed(0).padStart(7)} ms  ${mb(rssMb).padStart(8)}  ${bound.toFixed(0).padStart(9)} ms  ${ratio.toFixed(2).padStart(5)}${flag}`);
}

/**
 * Prints the CLI rows: a bare process start; all etcd logs as one row (each file checked by its own
 * process, walls and engine figures summed, the highest peak RSS) and the file slowest through the
 * CLI; then each case, best of `runs`.
 */
export function cliRows(bin: string, etcd: { path: string; engineMs: number; exit: number }[], cases: CliCase[], runs: number): void {
  console.log(`\nthe whole CLI path: faultline check in a child process (load ${load()}):`);
  const start = bestOf(runs, bin, ['--version']);
  console.log(`${`process start (faultline --version, best of ${runs})`.padEnd(46)} ${start.ms.toFixed(0).padStart(7)} ms  ${mb(start.rssMb).padStart(8)}`);
  console.log(`${''.padEnd(46)} ${'wall'.padStart(10)}  ${'peak RSS'.padStart(8)}  ${'engine+start'.padStart(12)}  ratio`);
  const all = etcd.map((f) => ({ f, r: runCli(bin, ['check', f.path, '--format', 'porcupine-log', '--model', 'cas-register']) }));
  for (const { f, r } of all) if (r.code !== f.exit) throw new Error(`${f.path}: exit ${r.code}, expected ${f.exit}`);
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  const rss = Math.max(...all.map((x) => x.r.rssMb ?? 0));
  line(`all ${all.length} etcd logs, a process each (sum)`, sum(all.map((x) => x.r.ms)), rss || undefined, sum(all.map((x) => x.f.engineMs + start.ms)));
  const worst = all.reduce((a, b) => (b.r.ms > a.r.ms ? b : a));
  line(`  slowest through the CLI: ${worst.f.path.split('/').pop()}`, worst.r.ms, worst.r.rssMb, worst.f.engineMs + start.ms);
  for (const c of cases) {
    const r = bestOf(runs, bin, c.args);
    if (r.code !== c.exit) throw new Error(`${c.label}: exit ${r.code}, expected ${c.exit}`);
    line(`${c.label} (best of ${runs})`, r.ms, r.rssMb, c.engineMs + start.ms);
  }
  console.log(`load at the end: ${load()}`);
}
