/**
 * results.json: the verdict of every checker, their anomalies, and the run's figures (op counts,
 * throughput, availability). Written by `run` and re-written by `analyze`. The figures and the
 * assembly live in assemble-results.ts; here they are bound to the nemesis registry.
 */
import { safeCheck, type CheckResult, type Checker, type TestInfo } from '../core/checker.js';
import type { Op } from '../core/op.js';
import { nemesisPackages } from '../../nemeses/index.js';
import { assembleResultsWith, historyStatsWith, type Results, type RunStats } from './assemble-results.js';

export { modelVerdicts, runVerdict, type NodeCrash, type Results, type RunStats } from './assemble-results.js';

/** Figures of a history; `timeLimitS` (the run's time limit) bounds its load phase. */
export function historyStats(history: readonly Op[], timeLimitS?: number): RunStats {
  return historyStatsWith(history, nemesisPackages, timeLimitS);
}

/** Assembles results from check results: the merged verdict, every anomaly tagged with its checker, the models. */
export function assembleResults(checks: Record<string, CheckResult>, relevantModels: readonly string[], history: readonly Op[], timeLimitS?: number): Results {
  return assembleResultsWith(checks, relevantModels, history, nemesisPackages, timeLimitS);
}

/** Runs every checker (none may throw) and assembles the results; `relevantModels` are the workload's. */
export async function checkHistory(
  checkers: Record<string, Checker>,
  relevantModels: readonly string[],
  test: TestInfo,
  history: readonly Op[],
  dir?: string,
): Promise<Results> {
  const checks: Record<string, CheckResult> = {};
  for (const [name, c] of Object.entries(checkers)) checks[name] = await safeCheck(c, test, history, { dir });
  return assembleResults(checks, relevantModels, history, test.timeLimit);
}
