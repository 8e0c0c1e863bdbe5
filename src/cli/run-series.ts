/**
 * The runs one `faultline run` makes: `--test-count N` runs with the seeds seed..seed+N-1, each in its
 * own run directory, stopping at the first that fails (invalid, a breached threshold, a run that could
 * not be made) or is interrupted; the command exits with the worst code. Each run prints its first
 * line (with its seed) before its cluster starts and its summary (with the thresholds and the seed)
 * when it ends, on the human stream — stderr under `--json`, which keeps stdout for the JSON summary;
 * notes (a default nemesis left out) and warnings always go to stderr.
 * Every run directory gets its own junit.xml; `--junit FILE` gets one suite per run. A target whose
 * software is missing is refused before anything is printed or started.
 */
import { join } from 'node:path';
import { ExitCode, UserError } from '../core/errors.js';
import { junitXml } from '../report/junit.js';
import { FILES, writeTextAtomic } from '../report/store.js';
import { gateRun, worstExitCode, type GatedRun } from '../runner/gated-run.js';
import { resolveParts } from '../runner/plan.js';
import { runTest } from '../runner/run.js';
import type { RunOptions } from '../runner/run-options.js';
import type { GateFlags } from './gate-flags.js';
import { jsonSummary } from './json-summary.js';
import type { Output } from './output.js';
import { printSummary } from './summary.js';
import { escapeControl } from './terminal-text.js';

export interface SeriesIO {
  /** The machine-readable summary (`--json`); the human output when there is no `--json`. */
  stdout: Output;
  stderr: Output;
  progress: boolean;
}

/** The first line of a run, printed before its cluster starts. */
export function firstLine(o: RunOptions, i: number, count: number): string {
  const which = count > 1 ? ` (run ${i + 1} of ${count})` : '';
  return `faultline run: ${o.target}/${o.workload}, ${o.nodes} nodes, ${o.concurrency} clients, ${o.timeLimit} s, faults: ${o.nemesis.join(',')}, seed ${o.seed}${which}\n`;
}

/** A run stops the series when it failed in any way but an undecided verdict, or was interrupted. */
function stops(run: GatedRun): boolean {
  return run.results.interrupted === true || (run.exitCode !== ExitCode.valid && run.exitCode !== ExitCode.unknown);
}

/** Makes the runs; resolves with the exit code of the command. */
export async function runSeries(o: RunOptions, g: GateFlags, io: SeriesIO, notices: readonly string[]): Promise<number> {
  const human = g.json ? io.stderr : io.stdout;
  // A missing binary is the one line the user sees: before the notes and the first line of a run.
  const parts = resolveParts(o);
  const missing = await parts.runtime.check(parts.target, parts.targetOpts, parts.runtimeOpts);
  if (missing) throw new UserError(missing);
  // Notes are not the run's output: stderr, so stdout (a pipe, or --json) starts with the first line.
  for (const notice of notices) io.stderr.write(`note: ${notice}\n`);
  const runs: GatedRun[] = [];
  for (let i = 0; i < g.testCount; i++) {
    const oi: RunOptions = { ...o, seed: o.seed + i };
    human.write(firstLine(oi, i, g.testCount));
    const outcome = await runTest(oi, { out: human, err: io.stderr, progress: io.progress });
    const run = gateRun(oi, outcome, g.thresholds);
    runs.push(run);
    printSummary(human, run.dir, run.results, { seed: oi.seed, thresholds: run.thresholds });
    if (outcome.failure) io.stderr.write(`faultline: ${escapeControl(outcome.failure.message, { keepNewlines: true })}\n`);
    writeTextAtomic(join(run.dir, FILES.junit), junitXml([run]));
    if (stops(run)) break;
  }
  const code = worstExitCode(runs.map((r) => r.exitCode));
  if (g.testCount > 1) human.write(seriesLine(runs, g.testCount));
  if (g.junit) writeTextAtomic(g.junit, junitXml(runs));
  if (g.json) io.stdout.write(`${JSON.stringify(jsonSummary(runs, g.testCount, code), null, 2)}\n`);
  return code;
}

/** The last line of a series: how many runs, how each ended, and where it stopped. */
function seriesLine(runs: readonly GatedRun[], count: number): string {
  const by = new Map<number, number[]>();
  for (const r of runs) by.set(r.exitCode, [...(by.get(r.exitCode) ?? []), r.seed]);
  const words: Record<number, string> = { 0: 'passed', 1: 'failed', 2: 'unknown' };
  const parts = [...by].map(([code, seeds]) => `${seeds.length} ${words[code] ?? `exited ${code}`} (seed${seeds.length > 1 ? 's' : ''} ${seeds.join(', ')})`);
  const last = runs[runs.length - 1]!;
  const stopped = runs.length < count ? `; stopped after run ${runs.length} of ${count} (seed ${last.seed})` : '';
  return `\ntest-count: ${runs.length} run${runs.length === 1 ? '' : 's'}: ${parts.join(', ')}${stopped}\n`;
}
