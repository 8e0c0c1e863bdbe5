/**
 * `faultline analyze <run-dir>`: re-runs the workload's checkers on a stored history and rewrites
 * results.json. Useful after a checker improves, or on the prefix a killed run left behind.
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { exitCodeFor } from '../core/checker.js';
import { UserError } from '../core/errors.js';
import { readHistory } from '../core/history-reader.js';
import { FILES, readJson, resolveRunDir, writeJson } from '../report/store.js';
import { publishReport, reportsDirOf } from '../report/write-report.js';
import { resolveParts, testInfo, workloadContext } from '../runner/plan.js';
import { checkHistory, runVerdict, type Results } from '../runner/results.js';
import { runOptionsSchema } from '../runner/run-options.js';
import { setExitCode } from './exit.js';
import { printSummary } from './summary.js';

/** Re-checks the run in `arg`; returns the directory and the new results. */
export async function analyzeRun(arg: string, warn: (msg: string) => void): Promise<{ dir: string; results: Results }> {
  const dir = resolveRunDir(arg);
  const test = readJson<{ options?: unknown }>(dir, FILES.test);
  if (!test) throw new UserError(`${join(dir, FILES.test)}: missing; cannot tell which workload made this history`);
  const parsed = runOptionsSchema.safeParse(test.options);
  if (!parsed.success) throw new UserError(`${join(dir, FILES.test)}: "options" is not a faultline run's options`);
  const o = parsed.data;
  const parts = resolveParts(o);
  const history = await readHistory(join(dir, FILES.history), { onWarning: warn });
  const previous = readJson<Results>(dir, FILES.results);
  const results = await checkHistory(parts.workload.checkers(workloadContext(o, parts)), testInfo(o), history, dir);
  if (previous?.interrupted) results.interrupted = true;
  writeJson(dir, FILES.results, results);
  await publishReport(dir, reportsDirOf(dir), warn);
  return { dir, results };
}

export function registerAnalyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description('re-check the history stored in a run directory (e.g. reports/latest) and rewrite its results')
    .argument('<run-dir>', 'a run directory, or a link to one such as reports/latest')
    .action(async (arg: string) => {
      const { dir, results } = await analyzeRun(arg, (m) => process.stderr.write(`warning: ${m}\n`));
      printSummary(process.stdout, dir, results);
      setExitCode(exitCodeFor(runVerdict(results)));
    });
}
