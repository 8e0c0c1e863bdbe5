/**
 * The runs stored under a reports directory (`<reports>/<test>/<timestamp>/`), summarised for the
 * index page: newest first, with verdict, target, workload, nemeses and figures. A run whose files
 * are missing or damaged is still listed, with what is known.
 */
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Validity } from '../core/checker.js';
import type { Results } from '../runner/results.js';
import { normaliseResults } from './report-data.js';
import { FILES, readJson } from './store.js';

/** One row of the index. */
export interface RunSummary {
  /** `<test>/<timestamp>`, relative to the reports directory (the link to its report). */
  path: string;
  test: string;
  startedAt: string;
  target: string;
  workload: string;
  nemesis: string;
  /** `valid`, `invalid`, `unknown`, or `unchecked` when results.json is missing. */
  verdict: 'valid' | 'invalid' | 'unknown' | 'unchecked';
  ops: number | null;
  anomalies: number | null;
  hasReport: boolean;
}

function verdictWord(v: Validity | undefined): RunSummary['verdict'] {
  return v === true ? 'valid' : v === false ? 'invalid' : v === undefined ? 'unchecked' : 'unknown';
}

const safeRead = <T>(dir: string, name: string): T | undefined => {
  try {
    return readJson<T>(dir, name);
  } catch {
    return undefined;
  }
};

const isRealDir = (p: string): boolean => {
  try {
    return lstatSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** Summarises the run in `dir` (path relative to the reports directory). */
export function summariseRun(reportsDir: string, path: string): RunSummary {
  const dir = join(reportsDir, path);
  const test = safeRead<Record<string, unknown>>(dir, FILES.test) ?? {};
  const results = normaliseResults(safeRead<Results>(dir, FILES.results), null);
  const opts = (test.options ?? {}) as Record<string, unknown>;
  const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? v.join(',') : '');
  return {
    path,
    test: str(test.name) || path.split('/')[0],
    startedAt: str(test.startedAt) || path.split('/')[1],
    target: str(test.target) || str(opts.target),
    workload: str(test.workload) || str(opts.workload),
    nemesis: str(opts.nemesis),
    verdict: verdictWord(results?.valid),
    ops: typeof results?.stats?.ops === 'number' && results.stats.ops > 0 ? results.stats.ops : null,
    anomalies: results ? results.anomalies.length : null,
    hasReport: existsSync(join(dir, FILES.report)),
  };
}

/** Every run under `reportsDir`, newest first. `latest` links are skipped (they are not runs). */
export function listRuns(reportsDir: string): RunSummary[] {
  if (!existsSync(reportsDir)) return [];
  const runs: RunSummary[] = [];
  for (const test of readdirSync(reportsDir).sort()) {
    const testDir = join(reportsDir, test);
    if (!isRealDir(testDir)) continue;
    for (const stamp of readdirSync(testDir)) {
      const dir = join(testDir, stamp);
      if (!isRealDir(dir) || !(existsSync(join(dir, FILES.test)) || existsSync(join(dir, FILES.history)))) continue;
      runs.push(summariseRun(reportsDir, `${test}/${stamp}`));
    }
  }
  return runs.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
}
