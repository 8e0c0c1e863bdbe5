/**
 * `faultline run --json`: the machine-readable summary written to stdout (the human one goes to
 * stderr). One JSON object, whatever `--test-count` is:
 *
 *   { "exitCode": 1, "passed": false, "verdict": "invalid", "testCount": 3, "stoppedAfter": 2,
 *     "runs": [ { "seed": 42, "dir": "/abs/reports/…", "report": "/abs/…/report.html" | null,
 *                 "exitCode": 1, "verdict": "valid" | "invalid" | "unknown",
 *                 "checks": { "linearizable": { "valid": false, "anomalies": 3, "kinds": { "nonlinearizable": 3 } } },
 *                 "models": { "linearizable": "ruled-out", … },
 *                 "stats": { "ops", "ok", "fail", "info", "opsPerSec", "availability",
 *                            "faultAvailability" | null, "latencyMs": { "p50", "p95", "p99", "max", "ops" } | null },
 *                 "thresholds": [ { "threshold": "--min-throughput", "measured": 812, "limit": 1e9,
 *                                   "unit": "ops/s", "passed": false, "message": "…" } ],
 *                 "command": "node bin/faultline.js run … --seed 42",
 *                 "interrupted": true?, "error": "…"? } ] }
 *
 * `verdict` (top and per run) is the checkers' verdict; `exitCode` adds the thresholds (a breach is 1)
 * and run failures: at the top it is the command's, the worst run's, and `passed` is exitCode 0.
 * `stoppedAfter` is the number of runs made (fewer than testCount when a run failed and stopped them).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Validity } from '../core/checker.js';
import { FILES } from '../report/store.js';
import type { GatedRun } from '../runner/gated-run.js';
import { runVerdict } from '../runner/results.js';

/** A verdict in words. */
export function verdictWord(v: Validity): 'valid' | 'invalid' | 'unknown' {
  return v === true ? 'valid' : v === false ? 'invalid' : 'unknown';
}

/** The worst of the runs' verdicts: invalid, else unknown, else valid (unknown for no run). */
function worstVerdict(runs: readonly GatedRun[]): 'valid' | 'invalid' | 'unknown' {
  const vs = runs.map((r) => runVerdict(r.results));
  return vs.includes(false) ? 'invalid' : vs.length === 0 || vs.includes('unknown') ? 'unknown' : 'valid';
}

/** One run's entry. */
export function runJson(run: GatedRun) {
  const r = run.results;
  const s = r.stats;
  const checks = Object.fromEntries(
    Object.entries(r.checks).map(([name, c]) => {
      const kinds: Record<string, number> = {};
      for (const a of c.anomalies ?? []) kinds[a.kind] = (kinds[a.kind] ?? 0) + 1;
      return [name, { valid: c.valid, anomalies: c.anomalies?.length ?? 0, kinds, ...(c.error ? { error: c.error.split('\n')[0] } : {}) }];
    }),
  );
  const report = join(run.dir, FILES.report);
  return {
    seed: run.seed,
    dir: run.dir,
    report: existsSync(report) ? report : null,
    exitCode: run.exitCode,
    verdict: verdictWord(runVerdict(r)),
    checks,
    models: Object.fromEntries(Object.entries(r.models ?? {}).map(([m, v]) => [m, v.status])),
    stats: {
      ops: s.ops,
      ok: s.ok,
      fail: s.fail,
      info: s.info,
      opsPerSec: s.opsPerSec,
      availability: s.availability,
      faultAvailability: s.faultAvailability ?? null,
      latencyMs: s.latencyMs ?? null,
    },
    thresholds: run.thresholds,
    command: run.command,
    ...(r.interrupted ? { interrupted: true } : {}),
    ...(run.failure ? { error: run.failure.message.split('\n')[0] } : {}),
  };
}

/** The whole `--json` document. */
export function jsonSummary(runs: readonly GatedRun[], testCount: number, exitCode: number) {
  return { exitCode, passed: exitCode === 0, verdict: worstVerdict(runs), testCount, stoppedAfter: runs.length, runs: runs.map(runJson) };
}
