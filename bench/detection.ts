/**
 * Detection rates: how often the default fault mix finds each planted bug (bench/detection-cases.ts),
 * and how often the safe configurations stay valid, over seeds. Each run is `faultline run … --seed N
 * --time-limit T` in a child process, one at a time; its verdict is read from `--json`, and the
 * nemesis ops it applied from its history, so a miss can be explained. Prints one line per run as it
 * ends, then a Markdown table (rates, the seeds, the machine's load average while it ran). Not part of
 * `npm test`: the full table is 100+ runs.
 *
 *   npm run build && npm run bench:detection -- [--seeds 10] [--first-seed 1] [--time-limit 60] [--only SUBSTRING[,SUBSTRING…]]
 *
 * `--only` selects the rows whose name contains one of the substrings; a substring that is a row's
 * whole name selects that row alone (`--only 'etcd serializable-reads=true'` is the local row only).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/core/paths.js';
import { DETECTION_CASES, type DetectionCase } from './detection-cases.js';

function flag(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
}

interface RunVerdict {
  verdict: string;
  kinds: string[];
  /** Nemesis ops completed ok, by f. */
  faults: Record<string, number>;
  seconds: number;
}

const seeds = Number(flag('seeds', '10'));
const firstSeed = Number(flag('first-seed', '1'));
const timeLimit = flag('time-limit', '60');
const only = flag('only', '');
const keep = process.argv.includes('--keep');
const reports = mkdtempSync(join(tmpdir(), 'faultline-detection-'));
const bin = join(packageRoot(), 'bin', 'faultline.js');

/** The ok nemesis ops of a run's history, counted by f. */
function faultsOf(dir: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  if (!dir) return out;
  try {
    for (const line of readFileSync(join(dir, 'history.jsonl'), 'utf8').split('\n')) {
      if (!line.includes('"nemesis"')) continue;
      const op = JSON.parse(line) as { process: unknown; type: string; f: string };
      if (op.process === 'nemesis' && op.type === 'ok') out[op.f] = (out[op.f] ?? 0) + 1;
    }
  } catch {
    // no history: the run failed before its load phase
  }
  return out;
}

function runOnce(c: DetectionCase, seed: number): RunVerdict {
  const started = Date.now();
  const args = [bin, 'run', ...c.args, '--time-limit', timeLimit, '--seed', String(seed), '--no-progress', '--json', '--reports-dir', reports];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' }, maxBuffer: 64 * 1024 * 1024 });
  const seconds = (Date.now() - started) / 1000;
  try {
    const summary = JSON.parse(r.stdout) as { runs: { verdict: string; dir: string; checks: Record<string, { kinds: Record<string, number> }> }[] };
    const run = summary.runs[0]!;
    const kinds = [...new Set(Object.values(run.checks).flatMap((k) => Object.keys(k.kinds)))].sort();
    return { verdict: run.verdict, kinds, faults: faultsOf(run.dir), seconds };
  } catch {
    return { verdict: `exit ${r.status}: ${r.stderr.trim().split('\n').pop() ?? ''}`, kinds: [], faults: {}, seconds };
  }
}

const load0 = loadavg()[0]!;
const loads: number[] = [];
console.log(`detection rates: ${timeLimit} s per run, seeds ${firstSeed}..${firstSeed + seeds - 1}, default fault mix unless a row names --nemesis; load average ${load0.toFixed(1)}`);
// Seeds outermost: every case gets its n-th seed before any gets its (n+1)-th, so a table cut short
// still covers every case evenly.
const onlyAny = only.split(',').filter(Boolean);
const exact = (o: string) => DETECTION_CASES.some((x) => x.name === o);
const cases = DETECTION_CASES.filter((x) => onlyAny.length === 0 || onlyAny.some((o) => (exact(o) ? x.name === o : x.name.includes(o))));
const verdicts = cases.map((): string[] => []);
for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
  cases.forEach((c, i) => {
    const v = runOnce(c, seed);
    loads.push(loadavg()[0]!);
    verdicts[i]!.push(v.verdict);
    const faults = Object.entries(v.faults).map(([f, n]) => `${f}×${n}`).join(' ');
    console.log(`  ${c.name} seed ${seed}: ${v.verdict}${v.kinds.length ? ` (${v.kinds.join(', ')})` : ''} in ${v.seconds.toFixed(0)} s, load ${loadavg()[0]!.toFixed(1)}; faults: ${faults}`);
  });
}
const rows = cases.map((c, i) => {
  const hits = verdicts[i]!.filter((v) => v === c.expect).length;
  const what = c.expect === 'invalid' ? 'found' : 'valid';
  console.log(`${c.name}: ${hits}/${seeds} ${what}  [${verdicts[i]!.join(' ')}]`);
  return `| \`${c.args.join(' ')}\` | ${c.name} | ${c.expect === 'invalid' ? 'anomaly' : 'valid'} | **${hits} of ${seeds}** ${what} |`;
});
const mean = loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length);
console.log(`\n| configuration (\`faultline run … --time-limit ${timeLimit} --seed N\`) | planted bug | expected | seeds ${firstSeed}–${firstSeed + seeds - 1} |`);
console.log('|---|---|---|---|');
for (const r of rows) console.log(r);
console.log(`\nload average (1 min) while running: ${Math.min(load0, ...loads).toFixed(1)}–${Math.max(load0, ...loads).toFixed(1)}, mean ${mean.toFixed(1)}, on ${process.env.HOSTNAME ?? 'this machine'}`);
if (!keep) rmSync(reports, { recursive: true, force: true });
else console.log(`runs kept in ${reports}`);
