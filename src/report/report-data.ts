/**
 * What a run report shows, gathered from a run directory: test.json, results.json, the history and
 * the list of logs. Whatever is missing or unreadable is not an error here: it becomes a `problems`
 * entry that the report states in words, so a half-written run still gets a useful page.
 */
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { basename, join } from 'node:path';
import { mergeValidity, type CheckResult } from '../core/checker.js';
import { summariseModels } from '../core/models.js';
import { streamHistory } from '../core/history-reader.js';
import type { Op } from '../core/op.js';
import { assembleResults, modelVerdicts, type Results } from '../runner/results.js';
import { FILES, readJson } from './store.js';

/** A log file the report links to, by a path relative to the run directory. */
export interface LogLink {
  name: string;
  href: string;
}

/** Everything embedded in report.html. */
export interface ReportData {
  /** The run directory's name (its timestamp). */
  run: string;
  generatedAt: string;
  /** test.json as stored, or null when absent or unreadable. */
  test: Record<string, unknown> | null;
  /** results.json in the run's shape, or null when absent or unreadable. */
  results: Results | null;
  /** The history (a readable prefix, if the file is damaged), or null when absent. */
  history: Op[] | null;
  logs: LogLink[];
  /** Plain-language notes on what is missing or damaged. */
  problems: string[];
}

/**
 * A check result's model rulings. Results written before rulings were a map listed the model names
 * alone (`models: ['linearizable']`); those take the check's verdict.
 */
function rulingsOf(r: CheckResult): CheckResult {
  const models: unknown = r.models;
  if (!Array.isArray(models)) return r;
  const status = r.valid === true ? 'holds' : r.valid === false ? 'ruled-out' : 'unknown';
  const by = [...new Set((r.anomalies ?? []).map((a) => a.kind))];
  return { ...r, models: Object.fromEntries(models.map((m: string) => [m, { status, by: status === 'ruled-out' ? by : [] }])) };
}

/**
 * results.json in the run's shape, whatever wrote it: `faultline check --report` of earlier versions
 * stored one CheckResult, and results from before model rulings have no `models`.
 */
export function normaliseResults(raw: unknown, history: readonly Op[] | null): Results | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Partial<Results> & CheckResult;
  if (r.checks && typeof r.checks === 'object') {
    const checks = Object.fromEntries(Object.entries(r.checks).map(([n, c]) => [n, rulingsOf(c)]));
    // The stored verdict stands; what assembling adds is only for fields the file lacks.
    const { undecidedBecause: _added, ...assembled } = assembleFrom(checks, history);
    return { ...assembled, ...r, checks, models: r.models && !Array.isArray(r.models) ? r.models : assembled.models, stats: r.stats ?? assembled.stats } as Results;
  }
  const single = rulingsOf(r);
  const name = Object.keys(single.models ?? {})[0] ?? 'check';
  return assembleFrom({ [name]: single }, history);
}

/** Results assembled from `checks`; with no history at hand, the checkers' verdicts as they are (no op counts to judge by). */
function assembleFrom(checks: Record<string, CheckResult>, history: readonly Op[] | null): Results {
  const assembled = assembleResults(checks, [], history ?? []);
  if (history !== null) return assembled;
  const { undecidedBecause: _none, ...rest } = assembled;
  const models = modelVerdicts(checks, []);
  const valid = Object.keys(checks).length === 0 ? 'unknown' : mergeValidity(Object.values(checks).map((c) => c.valid));
  return { ...rest, valid, models, modelSummary: summariseModels(models) };
}

function tryRead<T>(dir: string, name: string, problems: string[], what: string): T | null {
  try {
    const v = readJson<T>(dir, name);
    if (v === undefined) problems.push(`${name} is missing: ${what}`);
    return v ?? null;
  } catch (e) {
    problems.push(`${(e as Error).message}: ${what}`);
    return null;
  }
}

async function tryReadHistory(dir: string, problems: string[]): Promise<Op[] | null> {
  const file = join(dir, FILES.history);
  if (!existsSync(file)) {
    problems.push(`${FILES.history} is missing: there is no timeline, no charts and nothing to download.`);
    return null;
  }
  const ops: Op[] = [];
  try {
    for await (const op of streamHistory(file, { onWarning: (m) => problems.push(m) })) ops.push(op);
  } catch (e) {
    problems.push(`${(e as Error).message}; showing the ${ops.length} records before it.`);
  }
  return ops;
}

/** The logs in a run directory: harness.log, then nodes/*.log. */
export function listLogs(dir: string): LogLink[] {
  const logs: LogLink[] = [];
  if (existsSync(join(dir, FILES.harnessLog))) logs.push({ name: FILES.harnessLog, href: FILES.harnessLog });
  const nodes = join(dir, 'nodes');
  if (existsSync(nodes)) {
    for (const f of readdirSync(nodes).filter((n) => n.endsWith('.log')).sort()) {
      logs.push({ name: f, href: `nodes/${encodeURIComponent(f)}` });
    }
  }
  return logs;
}

/** Gathers the report data of the run in `dir`; never throws for missing or damaged files. */
export async function loadReportData(dir: string, now = new Date()): Promise<ReportData> {
  const problems: string[] = [];
  const test = tryRead<Record<string, unknown>>(dir, FILES.test, problems, 'the target, options, seed and reproducing command are unknown.');
  const history = await tryReadHistory(dir, problems);
  const rawResults = tryRead<unknown>(dir, FILES.results, problems, 'the history has not been checked (was the run killed? `faultline analyze` on this directory checks it).');
  const results = normaliseResults(rawResults, history);
  if (rawResults !== null && results === null) problems.push(`${FILES.results} does not hold a results object.`);
  return { run: basename(realpathSync(dir)), generatedAt: now.toISOString(), test, results, history, logs: listLogs(dir), problems };
}
