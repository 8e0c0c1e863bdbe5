/**
 * What a finished `faultline run` found, read from its run directory: the verdict, the kinds of every
 * anomaly (over all checkers), and the nemesis ops that completed ok, by f. For the runtimes' e2e tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RunOutcome {
  valid: boolean | 'unknown';
  kinds: string[];
  faults: string[];
}

/** The one run directory under a `--reports-dir` (`<dir>/<store>/<run>`). */
export function onlyRunDir(reportsDir: string): string {
  const [store] = readdirSync(reportsDir, { withFileTypes: true }).filter((x) => x.isDirectory()).map((x) => x.name);
  const [run] = readdirSync(join(reportsDir, store!)).filter((x) => /^\d/.test(x));
  return join(reportsDir, store!, run!);
}

/** The verdict, anomaly kinds and faults applied of the run stored in `runDir`. */
export function runOutcome(runDir: string): RunOutcome {
  const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8'));
  const kinds = Object.values(results.checks as Record<string, { anomalies?: { kind: string }[] }>).flatMap((c) => (c.anomalies ?? []).map((a) => a.kind));
  const faults = readFileSync(join(runDir, 'history.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { process: unknown; type: string; f: string })
    .filter((op) => op.process === 'nemesis' && op.type === 'ok')
    .map((op) => op.f);
  return { valid: results.valid, kinds, faults };
}

/** Packets the partition rules of a run dropped, by the "its rules dropped N packets" lines of its harness.log at each heal. */
export function partitionDrops(runDir: string): number {
  const log = readFileSync(join(runDir, 'harness.log'), 'utf8');
  return [...log.matchAll(/partition healed \(.*; its rules dropped (\d+) packets\)/g)].reduce((n, m) => n + Number(m[1]), 0);
}
