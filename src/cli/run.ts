/**
 * `faultline run`: a test run against a cluster, stored under reports/. Ends with a short summary
 * and exits with the verdict: 0 valid, 1 invalid (or a threshold breached), 2 unknown (254 bad
 * arguments, 255 crashed). `--replay` takes the settings and seed of a stored run; `--test-count`,
 * the thresholds, `--junit` and `--json` make it a CI gate (run-series.ts).
 */
import { randomInt } from 'node:crypto';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parseKeyValues } from '../core/options.js';
import { runtimes } from '../runtimes/index.js';
import { checkTestName } from '../report/store.js';
import { runtimeOptions } from '../runner/plan.js';
import { runOptionsSchema, type RunOptions } from '../runner/run-options.js';
import { defaultTarget, targets } from '../../targets/index.js';
import { workloads } from '../../workloads/index.js';
import { isTargetFile, loadConfigTarget } from '../../targets/config/config-target.js';
import { applicableDefaults, DEFAULT_NEMESES, nemeses } from '../../nemeses/index.js';
import { setExitCode } from './exit.js';
import { collect, numberFlag } from './flags.js';
import { checkGateFlags, gateFlags, MAX_SEED, prepareJunit, type RawGateFlags } from './gate-flags.js';
import { closableOutput } from './output.js';
import { refuseWithReplay, replayOptions } from './replay.js';
import { runSeries } from './run-series.js';

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
  runtimeOpt: string[];
  workloadOpt: string[];
  name?: string;
  reportsDir: string;
  progress: boolean;
}

/** `--target-opt` pairs as given, ignoring malformed ones (which `resolveParts` names later). */
function parseKeyValuesLeniently(items: readonly string[]): Record<string, string> {
  return Object.fromEntries(items.filter((i) => i.indexOf('=') > 0).map((i) => [i.slice(0, i.indexOf('=')), i.slice(i.indexOf('=') + 1)]));
}

/**
 * `--nemesis` as given, or the default nemeses the runtime can apply to the target, with a notice for
 * each default left out.
 */
export function nemesisNames(f: Pick<RawRunFlags, 'nemesis' | 'runtime' | 'target'> & { nodes?: string; runtimeOpt?: string[]; targetOpt?: string[] }): { names: string[]; notices: string[] } {
  if (f.nemesis !== undefined) return { names: f.nemesis.split(',').map((s) => s.trim()).filter(Boolean), notices: [] };
  const runtime = runtimes[f.runtime];
  const target = isTargetFile(f.target) ? loadConfigTarget(f.target) : targets[f.target];
  if (!runtime || !target) return { names: [...DEFAULT_NEMESES], notices: [] }; // resolveParts names the bad flag
  const count = Number(f.nodes ?? 3);
  const nodes = Array.from({ length: Number.isInteger(count) && count >= 1 && count <= 15 ? count : 3 }, (_, i) => `n${i + 1}`);
  // What a runtime can apply may depend on its settings (the external runtime's cluster file), and
  // leader-targeted faults on the target's configuration (raft-kv's leaderless replication has no leader).
  const runtimeOpts = runtimeOptions(runtime, parseKeyValues('--runtime-opt', f.runtimeOpt ?? []));
  const d = applicableDefaults(runtime, target, nodes, runtimeOpts, parseKeyValuesLeniently(f.targetOpt ?? []));
  return { names: d.names, notices: d.skipped };
}

/**
 * Validates the flags of `run` into RunOptions. Without `--seed`, a random one, low enough that the
 * `testCount` seeds from it are all valid seeds.
 */
export function runOptionsFromFlags(f: RawRunFlags, testCount = 1): RunOptions {
  if (f.name !== undefined) checkTestName(f.name);
  return runOptionsSchema.parse({
    name: f.name,
    // A target file by its absolute path, so that test.json's command and --replay work from anywhere.
    target: isTargetFile(f.target) ? resolve(f.target) : f.target,
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
    seed: f.seed === undefined ? randomInt(MAX_SEED + 1 - testCount) : numberFlag('--seed', f.seed, { int: true, min: 0, max: MAX_SEED }),
    targetOpts: parseKeyValues('--target-opt', f.targetOpt),
    runtimeOpts: parseKeyValues('--runtime-opt', f.runtimeOpt ?? []),
    workloadOpts: parseKeyValues('--workload-opt', f.workloadOpt),
    reportsDir: f.reportsDir,
  });
}

/** Where `run` writes: the process's stdout and stderr, or (in tests) streams of their own. */
export interface RunStreams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export function registerRunCommand(program: Command, streams: RunStreams = { stdout: process.stdout, stderr: process.stderr }): void {
  program
    .command('run')
    .description('run a test: start a cluster, drive clients (and faults), record and check the history')
    .option('--target <name|file>', `system under test: ${Object.keys(targets).join(', ')}, or a target config file (a value with a / or ending in .json, .yaml or .yml; docs/target-config.md)`, defaultTarget)
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
    .option('--seed <n>', 'seed for every random choice: op values, each client\'s op order, the fault schedule and the nodes faults hit (default: random, printed and stored)')
    .option('--target-opt <key=value>', 'target setting, repeatable (see `faultline list`)', collect, [])
    .option('--runtime-opt <key=value>', 'runtime setting, repeatable (see `faultline list`)', collect, [])
    .option('--workload-opt <key=value>', 'workload setting, repeatable (see `faultline list`)', collect, [])
    .option('--name <name>', 'test name for the run directory (default: <target>-<workload>)')
    .option('--replay <run-dir>', 'run again with the settings and seed stored in a run directory\'s test.json (e.g. reports/latest)')
    .option('--test-count <n>', 'make n runs with seeds seed..seed+n-1, stopping at the first that fails; exit with the worst', '1')
    .option('--max-p99-ms <ms>', 'fail (exit 1) if the p99 latency of ok client ops exceeds this')
    .option('--min-availability <fraction>', 'fail (exit 1) if less than this fraction (0-1) of client ops completed ok while faults were active')
    .option('--min-throughput <ops/s>', 'fail (exit 1) if the throughput (client completions in the load phase ÷ its seconds) is below this')
    .option('--junit <file>', 'write the verdicts as JUnit XML: a testcase per checker, model and threshold, failures with the anomalies')
    .option('--json', 'write a machine-readable summary to stdout (the human one goes to stderr)')
    .option('--reports-dir <dir>', 'where runs are stored', 'reports')
    .option('--no-progress', 'no progress line while running')
    .action(async (flags: RawRunFlags & RawGateFlags & { replay?: string }, cmd: Command) => {
      const g = gateFlags(flags);
      if (flags.replay !== undefined) refuseWithReplay((k) => cmd.getOptionValueSource(k) === 'cli', flags.replay);
      const o = flags.replay !== undefined ? replayOptions(flags.replay, flags.reportsDir) : runOptionsFromFlags(flags, g.testCount);
      checkGateFlags(g, o);
      prepareJunit(g);
      const notices = flags.replay === undefined ? nemesisNames(flags).notices : [];
      // A closed stdout or stderr (`| head`, a closed terminal) is written to no more; the run goes on.
      const io = { stdout: closableOutput(streams.stdout), stderr: closableOutput(streams.stderr), progress: flags.progress };
      setExitCode(await runSeries(o, g, io, notices));
    });
}
