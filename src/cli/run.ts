/**
 * `faultline run`: one test run against a cluster, stored under reports/. Ends with a short summary
 * and exits with the verdict: 0 valid, 1 invalid, 2 unknown (254 bad arguments, 255 crashed).
 */
import { randomInt } from 'node:crypto';
import type { Command } from 'commander';
import { exitCodeFor } from '../core/checker.js';
import { parseKeyValues } from '../core/options.js';
import { runtimes } from '../runtimes/index.js';
import { runTest, type RunOutcome } from '../runner/run.js';
import { checkTestName } from '../report/store.js';
import { runVerdict } from '../runner/results.js';
import { runOptionsSchema, type RunOptions } from '../runner/run-options.js';
import { defaultTarget, targets } from '../../targets/index.js';
import { workloads } from '../../workloads/index.js';
import { applicableDefaults, DEFAULT_NEMESES, nemeses } from '../../nemeses/index.js';
import { setExitCode } from './exit.js';
import { collect, numberFlag } from './flags.js';
import { closableOutput } from './output.js';
import { printSummary } from './summary.js';
import { escapeControl } from './terminal-text.js';

interface RawRunFlags {
  target: string;
  workload: string;
  runtime: string;
  /** Absent: the default nemeses the runtime can apply to the target. */
  nemesis?: string;
  nemesisInterval?: string;
  nemesisOpt: string[];
  nodes: string;
  concurrency: string;
  timeLimit: string;
  opLimit: string;
  rate: string;
  opTimeout: string;
  seed?: string;
  targetOpt: string[];
  workloadOpt: string[];
  name?: string;
  reportsDir: string;
  progress: boolean;
}

/**
 * `--nemesis` as given, or the default nemeses the runtime can apply to the target, with a notice for
 * each default left out.
 */
export function nemesisNames(f: Pick<RawRunFlags, 'nemesis' | 'runtime' | 'target'>): { names: string[]; notices: string[] } {
  if (f.nemesis !== undefined) return { names: f.nemesis.split(',').map((s) => s.trim()).filter(Boolean), notices: [] };
  const runtime = runtimes[f.runtime];
  const target = targets[f.target];
  if (!runtime || !target) return { names: [...DEFAULT_NEMESES], notices: [] }; // resolveParts names the bad flag
  const d = applicableDefaults(runtime, target);
  return { names: d.names, notices: d.skipped };
}

/** Validates the flags of `run` into RunOptions (a random seed when none is given). */
export function runOptionsFromFlags(f: RawRunFlags): RunOptions {
  if (f.name !== undefined) checkTestName(f.name);
  return runOptionsSchema.parse({
    name: f.name,
    target: f.target,
    workload: f.workload,
    runtime: f.runtime,
    nemesis: nemesisNames(f).names,
    nemesisInterval: f.nemesisInterval === undefined ? undefined : numberFlag('--nemesis-interval', f.nemesisInterval, { min: 0.01, max: 86_400 }),
    nemesisOpts: parseKeyValues('--nemesis-opt', f.nemesisOpt),
    nodes: numberFlag('--nodes', f.nodes, { int: true, min: 1, max: 15 }),
    concurrency: numberFlag('--concurrency', f.concurrency, { int: true, min: 1, max: 1000 }),
    timeLimit: numberFlag('--time-limit', f.timeLimit, { min: 0.1, max: 86_400 }),
    opLimit: numberFlag('--op-limit', f.opLimit, { int: true, min: 0, max: 1e12 }),
    rate: numberFlag('--rate', f.rate, { min: 0 }),
    opTimeout: numberFlag('--op-timeout', f.opTimeout, { min: 0.01, max: 3600 }),
    seed: f.seed === undefined ? randomInt(2 ** 31 - 1) : numberFlag('--seed', f.seed, { int: true, min: 0, max: 2 ** 31 - 1 }),
    targetOpts: parseKeyValues('--target-opt', f.targetOpt),
    workloadOpts: parseKeyValues('--workload-opt', f.workloadOpt),
    reportsDir: f.reportsDir,
  });
}

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run a test: start a cluster, drive clients (and faults), record and check the history')
    .option('--target <name>', `system under test: ${Object.keys(targets).join(', ')}`, defaultTarget)
    .option('--workload <name>', `workload: ${Object.keys(workloads).join(', ')}`, 'register')
    .option('--runtime <name>', `where nodes run: ${Object.keys(runtimes).join(', ')}`, 'local')
    .option('--nemesis <list>', `faults, comma-separated: ${Object.keys(nemeses).join(', ')} (default: ${DEFAULT_NEMESES.join(',')}, those the runtime can apply to the target)`)
    .option('--nemesis-interval <seconds>', 'mean seconds between nemesis ops (default: a fifth of --time-limit, at most 5)')
    .option('--nemesis-opt <key=value>', 'nemesis setting, repeatable: <nemesis>.<key>=value, or settle=<seconds> (see `faultline list`)', collect, [])
    .option('--nodes <n>', 'number of nodes', '3')
    .option('--concurrency <n>', 'number of concurrent client workers', '6')
    .option('--time-limit <seconds>', 'seconds of client load before the final phase', '10')
    .option('--op-limit <n>', 'end the client load after this many ops if --time-limit has not ended it first; faults go on until --time-limit (0: no limit)', '0')
    .option('--rate <ops/s>', 'target ops per second over all clients (0: as fast as they go)', '0')
    .option('--op-timeout <seconds>', 'an op with no answer after this long is recorded as info (indeterminate)', '5')
    .option('--seed <n>', 'seed for every random choice (default: random, printed and stored)')
    .option('--target-opt <key=value>', 'target setting, repeatable (see `faultline list`)', collect, [])
    .option('--workload-opt <key=value>', 'workload setting, repeatable (see `faultline list`)', collect, [])
    .option('--name <name>', 'test name for the run directory (default: <target>-<workload>)')
    .option('--reports-dir <dir>', 'where runs are stored', 'reports')
    .option('--no-progress', 'no progress line while running')
    .action(async (flags: RawRunFlags) => {
      const o = runOptionsFromFlags(flags);
      // A closed stdout or stderr (`| head`, a closed terminal) is written to no more; the run goes on.
      const out = closableOutput(process.stdout);
      const err = closableOutput(process.stderr);
      for (const notice of nemesisNames(flags).notices) out.write(`note: ${notice}\n`);
      out.write(`faultline run: ${o.target}/${o.workload}, ${o.nodes} nodes, ${o.concurrency} clients, ${o.timeLimit} s, faults: ${o.nemesis.join(',')}, seed ${o.seed}\n`);
      const outcome = await runTest(o, { out, progress: flags.progress });
      printSummary(out, outcome.dir, outcome.results);
      if (outcome.failure) err.write(`faultline: ${escapeControl(outcome.failure.message, { keepNewlines: true })}\n`);
      setExitCode(runExitCode(outcome));
    });
}

/**
 * The exit code of a run: an interrupted run exits 2 (unknown), or 1 if an anomaly was found before
 * the interruption, never 0; a run that failed by itself exits with its failure's code; else the verdict's.
 */
export function runExitCode(outcome: Pick<RunOutcome, 'results' | 'failure'>): number {
  if (outcome.results.interrupted) return exitCodeFor(runVerdict(outcome.results));
  return outcome.failure ? outcome.failure.exitCode : exitCodeFor(outcome.results.valid);
}
