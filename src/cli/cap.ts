/**
 * `faultline cap`: measures the consistency/availability trade-off of a target. It runs the same
 * workload under the same seeded partitions (clients cut off with their node, so some clients sit on
 * the minority side) once per configuration the target lists (`faultline list` shows them), then
 * prints a table — availability on the minority and majority sides and outside partitions,
 * throughput, latency, the strongest model that held — and writes cap.html beside the runs, each row
 * linking to its run's report. Exit 0 when every configuration ran to a verdict (the verdicts are the
 * measurement, not a failure), 2 when interrupted, or the exit code of a run that could not run.
 * Every configuration's run is refused up front (254, one line) if `run` would refuse it, before
 * anything is printed or the cap directory is made.
 */
import { randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../core/errors.js';
import { parseKeyValues } from '../core/options.js';
import type { Tradeoff } from '../core/target.js';
import { runTimestamp } from '../report/store.js';
import { capHtml } from '../cap/cap-html.js';
import { checkCapPlan, runCap, type CapPlan } from '../cap/cap-run.js';
import { capTable } from '../cap/cap-table.js';
import { runtimes } from '../runtimes/index.js';
import { faultRefusal } from '../runtimes/runtime.js';
import { targets } from '../../targets/index.js';
import { setExitCode } from './exit.js';
import { collect, numberFlag } from './flags.js';
import { MAX_SEED } from './gate-flags.js';
import { closableOutput } from './output.js';
import type { RunStreams } from './run.js';

interface RawCapFlags {
  target: string;
  configs?: string;
  workload: string;
  runtime: string;
  nodes: string;
  concurrency: string;
  timeLimit: string;
  nemesisInterval: string;
  opTimeout: string;
  seed?: string;
  targetOpt: string[];
  reportsDir: string;
}

/** The configurations `--configs` names (all of the target's when absent), in the target's order. */
export function chooseConfigs(targetName: string, listed: readonly Tradeoff[] | undefined, names: string | undefined): Tradeoff[] {
  if (!listed || listed.length === 0) throw new UserError(`--target ${targetName}: this target lists no configurations across the consistency/availability trade-off, so cap has nothing to compare`);
  if (names === undefined) return [...listed];
  const wanted = names.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (wanted.length === 0) throw new UserError(`--configs: expected a comma-separated list of ${targetName} configurations (${listed.map((t) => t.name).join(', ')})`);
  for (const w of wanted) {
    if (!listed.some((t) => t.name === w)) throw new UserError(`--configs: ${JSON.stringify(w)} is not a configuration of ${targetName}; expected one of ${listed.map((t) => t.name).join(', ')}`);
  }
  return listed.filter((t) => wanted.includes(t.name));
}

/** Validates the flags into a plan (the cap directory is made by the caller). */
export function capPlanFromFlags(f: RawCapFlags, now: Date): CapPlan {
  const target = targets[f.target];
  if (!target) throw new UserError(`--target: unknown target ${JSON.stringify(f.target)}; expected one of ${Object.keys(targets).join(', ')}`);
  const configs = chooseConfigs(f.target, target.tradeoffs, f.configs);
  const runtime = runtimes[f.runtime];
  if (!runtime) throw new UserError(`--runtime: unknown runtime ${JSON.stringify(f.runtime)}; expected one of ${Object.keys(runtimes).join(', ')}`);
  const nodes = numberFlag('--nodes', f.nodes, { int: true, min: 3, max: 9 });
  return {
    target: f.target,
    workload: f.workload,
    runtime: f.runtime,
    nodes,
    concurrency: numberFlag('--concurrency', f.concurrency, { int: true, min: nodes, max: 256 }),
    timeLimit: numberFlag('--time-limit', f.timeLimit, { min: 1 }),
    nemesisInterval: numberFlag('--nemesis-interval', f.nemesisInterval, { min: 0.5 }),
    opTimeout: numberFlag('--op-timeout', f.opTimeout, { min: 0.05 }),
    seed: f.seed === undefined ? randomInt(MAX_SEED + 1) : numberFlag('--seed', f.seed, { int: true, min: 0, max: MAX_SEED }),
    dir: join(resolve(f.reportsDir), 'cap', runTimestamp(now)),
    configs,
    targetOpts: parseKeyValues('--target-opt', f.targetOpt),
    cutClients: faultRefusal(runtime, 'partition-clients', target) === undefined,
  };
}

/** Registers `faultline cap`. */
export function registerCapCommand(program: Command, streams: RunStreams = { stdout: process.stdout, stderr: process.stderr }): void {
  program
    .command('cap')
    .description('measure the consistency/availability trade-off: the same workload under the same seeded partitions, once per configuration of the target; a table and cap.html')
    .option('--target <name>', 'target whose configurations to compare (see `faultline list`)', 'raft-kv')
    .option('--configs <a,b,…>', 'configurations to run, comma-separated (default: every one the target lists)')
    .option('--workload <name>', 'workload to run against each configuration', 'register')
    .option('--runtime <name>', 'runtime that runs the nodes', 'local')
    .option('--nodes <n>', 'number of nodes (at least 3, so a partition has a minority side)', '3')
    .option('--concurrency <n>', 'number of concurrent client workers, spread over the nodes', '6')
    .option('--time-limit <seconds>', 'seconds of load per configuration', '20')
    .option('--nemesis-interval <seconds>', 'seconds between partitions (each lasts about as long)', '3')
    .option('--op-timeout <seconds>', 'an op with no answer after this long is recorded as info; short, so a client cut off with its node keeps trying ops', '1')
    .option('--seed <n>', 'seed for every run (default: random, printed): every configuration gets the same ops and partitions')
    .option('--target-opt <key=value>', 'target setting for every configuration, repeatable', collect, [])
    .option('--reports-dir <dir>', 'where runs are stored; cap writes into <dir>/cap/<timestamp>/', 'reports')
    .action(async (flags: RawCapFlags) => {
      const plan = capPlanFromFlags(flags, new Date());
      await checkCapPlan(plan);
      const out = closableOutput(streams.stdout);
      const err = closableOutput(streams.stderr);
      err.write(`cap: ${plan.configs.length} configuration(s) of ${plan.target}, seed ${plan.seed}, into ${plan.dir}\n`);
      if (!plan.cutClients) err.write(`cap: runtime ${plan.runtime} cannot cut clients off with their node; clients reach every node they ask\n`);
      const rows = await runCap(plan, err, () => {});
      writeFileSync(join(plan.dir, 'cap.html'), capHtml(plan, rows));
      writeFileSync(join(plan.dir, 'cap.json'), `${JSON.stringify({ plan, rows }, null, 2)}\n`);
      for (const l of capTable(rows)) out.write(`${l}\n`);
      out.write(`\ncap.html: ${join(plan.dir, 'cap.html')}\n`);
      const failed = rows.find((r) => r.exitCode !== undefined && r.exitCode >= 254);
      setExitCode(rows.some((r) => r.interrupted) ? 2 : failed ? failed.exitCode! : 0);
    });
}
