/**
 * A run as a CI gate sees it: its seed and directory, the checkers' results, its thresholds checked,
 * and the exit code the two give together — what `--json`, `--junit` and `--test-count` are built
 * from. A breached threshold makes a run fail (exit 1) whatever its verdict; a run that failed by
 * itself (cluster would not start, harness error) keeps its own code and is not gated (its figures
 * measure nothing). Several runs exit with the worst code (`worstExitCode`).
 */
import { exitCodeFor } from '../core/checker.js';
import { ExitCode } from '../core/errors.js';
import { breached, checkThresholds, type ThresholdCheck, type Thresholds } from './gates.js';
import { runVerdict, type Results } from './results.js';
import type { RunOutcome } from './run.js';
import { reproduceCommand, type RunOptions } from './run-options.js';

/** One finished run, gated. */
export interface GatedRun {
  seed: number;
  dir: string;
  target: string;
  workload: string;
  /** The command that reproduces it. */
  command: string;
  results: Results;
  /** Each threshold given, checked (empty when none was, or the run failed by itself). */
  thresholds: ThresholdCheck[];
  /** Set when the run itself failed. */
  failure?: { message: string; exitCode: number };
  /** The run's exit code: its verdict's, its failure's, or 1 for a breached threshold. */
  exitCode: number;
}

/**
 * The exit code of a run: an interrupted run exits 2 (unknown), or 1 if an anomaly was found before
 * the interruption, never 0; a run that failed by itself exits with its failure's code; else the verdict's.
 */
export function runExitCode(outcome: Pick<RunOutcome, 'results' | 'failure'>): number {
  if (outcome.results.interrupted) return exitCodeFor(runVerdict(outcome.results));
  return outcome.failure ? outcome.failure.exitCode : exitCodeFor(outcome.results.valid);
}

/** How bad an exit code is: valid < unknown < invalid < bad arguments < crashed (others: as crashed). */
function severity(code: number): number {
  const order: number[] = [ExitCode.valid, ExitCode.unknown, ExitCode.invalid, ExitCode.badArguments, ExitCode.crashed];
  const i = order.indexOf(code);
  return i < 0 ? order.length : i;
}

/** The worst of several exit codes (0 for none). */
export function worstExitCode(codes: Iterable<number>): number {
  let worst: number = ExitCode.valid;
  for (const c of codes) if (severity(c) > severity(worst)) worst = c;
  return worst;
}

/** Gates the outcome of the run of `o` with `thresholds`. */
export function gateRun(o: RunOptions, outcome: RunOutcome, thresholds: Thresholds): GatedRun {
  const checks = outcome.failure ? [] : checkThresholds(outcome.results.stats, thresholds);
  const own = runExitCode(outcome);
  const exitCode = breached(checks) ? worstExitCode([own, ExitCode.invalid]) : own;
  return {
    seed: o.seed,
    dir: outcome.dir,
    target: o.target,
    workload: o.workload,
    command: reproduceCommand(o),
    results: outcome.results,
    thresholds: checks,
    ...(outcome.failure ? { failure: outcome.failure } : {}),
    exitCode,
  };
}
