/**
 * `faultline analyze <run-dir>`: re-runs the workload's checkers on a stored history and rewrites
 * results.json and junit.xml. Useful after a checker improves, or on the prefix a killed run left behind. A
 * history that is empty, malformed (a bad line, unpaired ops) or holds a record a checker cannot
 * judge is bad input (`file:line: …`, exit 254), as in `faultline check`; results.json is then left
 * as it was.
 *
 * A run writes `endedAt` into test.json as its very last step, so a test.json without it means the
 * harness never finished (SIGKILL, a crash, a power cut) — or is still running. Such a history is cut
 * short: what was not recorded might have held an anomaly, so a valid prefix gives the verdict unknown
 * (exit 2), and the summary says why, with the ops left without completion and a torn last line.
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { exitCodeFor } from '../core/checker.js';
import { UserError } from '../core/errors.js';
import { readHistoryWithLines } from '../core/history-reader.js';
import { rejectBadOps, rejectEmpty, validatePairing } from '../core/history-validate.js';
import { pairOps, type Op } from '../core/op.js';
import { readPidRecord, sameProcess } from '../runtimes/pid-record.js';
import { junitXml } from '../report/junit.js';
import { FILES, readJson, resolveRunDir, writeJson, writeTextAtomic } from '../report/store.js';
import { gateRun } from '../runner/gated-run.js';
import { publishReport, reportsDirOf } from '../report/write-report.js';
import { resolveParts, testInfo, workloadContext } from '../runner/plan.js';
import { checkHistory, runVerdict, type Results } from '../runner/results.js';
import { runOptionsSchema } from '../runner/run-options.js';
import { setExitCode } from './exit.js';
import { printSummary } from './summary.js';
import { escapeControl as esc } from './terminal-text.js';

/** Re-checks the run in `arg`; returns the directory, the new results and the run's seed. */
export async function analyzeRun(arg: string, warn: (msg: string) => void): Promise<{ dir: string; results: Results; seed: number }> {
  const dir = resolveRunDir(arg);
  const test = readJson<{ options?: unknown; endedAt?: string }>(dir, FILES.test);
  if (!test) throw new UserError(`${join(dir, FILES.test)}: missing; cannot tell which workload made this history`);
  const parsed = runOptionsSchema.safeParse(test.options);
  if (!parsed.success) throw new UserError(`${join(dir, FILES.test)}: "options" is not a faultline run's options`);
  const o = parsed.data;
  const parts = resolveParts(o);
  const file = join(dir, FILES.history);
  let torn = false;
  const read = await readHistoryWithLines(file, { onWarning: (m) => ((torn = true), warn(m)) });
  rejectEmpty(file, read);
  validatePairing(file, read);
  const history = read.ops;
  const previous = readJson<Results>(dir, FILES.results);
  const results = await checkHistory(parts.workload.checkers(workloadContext(o, parts)), parts.workload.models, testInfo(o), history, dir);
  rejectBadOps(file, read, Object.values(results.checks));
  if (previous?.interrupted) Object.assign(results, { interrupted: true, interruptedBy: previous.interruptedBy });
  if (previous?.nodeCrashes) results.nodeCrashes = previous.nodeCrashes; // not in the history: kept
  const cut = test.endedAt === undefined ? cutShort(dir, history, torn) : undefined;
  if (cut) Object.assign(results, { interrupted: true, cutShort: cut });
  writeJson(dir, FILES.results, results);
  writeTextAtomic(join(dir, FILES.junit), junitXml([gateRun(o, { dir, results }, {})])); // no thresholds: those were the run's
  await publishReport(dir, reportsDirOf(dir), warn);
  return { dir, results, seed: o.seed };
}

/** Why the history of a run that never finished is cut short, in words. */
function cutShort(dir: string, history: readonly Op[], torn: boolean): string {
  const harness = readPidRecord(dir)?.harnessIdentity;
  const why = harness && sameProcess(harness)
    ? `the run is still going (harness pid ${harness.pid})`
    : 'the harness ended without finishing the run (test.json has no endedAt)';
  const open = pairOps(history).filter((p) => !p.complete).length;
  const details = [
    ...(open > 0 ? [`${open} op${open === 1 ? '' : 's'} invoked and never completed`] : []),
    ...(torn ? ['its last line torn'] : []),
  ];
  return `${why}${details.length ? `; ${details.join(', ')}` : ''}`;
}

export function registerAnalyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description('re-check the history stored in a run directory (e.g. reports/latest) and rewrite its results')
    .argument('<run-dir>', 'a run directory, or a link to one such as reports/latest')
    .action(async (arg: string) => {
      const { dir, results, seed } = await analyzeRun(arg, (m) => process.stderr.write(`warning: ${esc(m)}\n`));
      printSummary(process.stdout, dir, results, { seed });
      setExitCode(exitCodeFor(runVerdict(results)));
    });
}
