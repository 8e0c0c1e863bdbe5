/**
 * Run directories made up for the report's tests: a synthetic history of any size (client ops on
 * `concurrency` workers, some fail/info, optional nemesis faults), results with chosen anomalies,
 * and a helper writing them as a run directory the store would have written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Anomaly } from '../../src/core/checker.js';
import type { Op } from '../../src/core/op.js';
import { assembleResults, type Results } from '../../src/runner/results.js';

/** The string every safety test plants in a history, a log name and an explanation. */
export const XSS = '<img src=x onerror=alert(1)>';

/**
 * `n` client ops (2n records) on `concurrency` workers, 1 ms apart per worker, with every 17th op
 * failing and every 101st indeterminate (the worker then continues as process + concurrency), plus
 * a partition fault over the middle fifth when `nemesis` is set. `value` makes each op's value.
 */
export function syntheticHistory(n: number, opts: { concurrency?: number; nemesis?: boolean; value?: (i: number) => unknown } = {}): Op[] {
  const c = opts.concurrency ?? 8;
  const ops: Op[] = [];
  const proc = Array.from({ length: c }, (_, i) => i);
  const events: Omit<Op, 'index'>[] = [];
  for (let i = 0; i < n; i++) {
    const w = i % c;
    const t = Math.floor(i / c) * 1_000_000 + w * 37_000;
    const f = i % 3 === 0 ? 'write' : 'read';
    const value = opts.value ? opts.value(i) : i;
    const type = i % 101 === 100 ? 'info' : i % 17 === 16 ? 'fail' : 'ok';
    events.push({ time: t, process: proc[w], type: 'invoke', f, value, key: `k${i % 5}` });
    events.push({ time: t + 400_000 + (i % 7) * 50_000, process: proc[w], type, f, value, key: `k${i % 5}`, ...(type === 'ok' ? {} : { error: 'timeout' }) });
    if (type === 'info') proc[w] += c;
  }
  if (opts.nemesis) {
    const end = Math.floor(n / c) * 1_000_000;
    events.push({ time: end * 0.4, process: 'nemesis', type: 'invoke', f: 'start-partition', value: 'majority' });
    events.push({ time: end * 0.4 + 1000, process: 'nemesis', type: 'info', f: 'start-partition', value: [['n1'], ['n2', 'n3']] });
    events.push({ time: end * 0.6, process: 'nemesis', type: 'invoke', f: 'stop-partition', value: null });
    events.push({ time: end * 0.6 + 1000, process: 'nemesis', type: 'info', f: 'stop-partition', value: 'healed' });
  }
  events.sort((a, b) => a.time - b.time);
  events.forEach((e, index) => ops.push({ index, ...e } as Op));
  return ops;
}

/** Results for `history` with these anomalies (invalid when there are any). */
export function resultsWith(history: Op[], anomalies: Anomaly[], checker = 'synthetic'): Results {
  const status = anomalies.length ? 'ruled-out' : 'holds';
  const by = [...new Set(anomalies.map((a) => a.kind))];
  const check = { valid: anomalies.length ? false : true, models: { 'synthetic-model': { status, by } }, anomalies } as const;
  return assembleResults({ [checker]: check }, [], history);
}

/** Writes a run directory: any of test.json, history.jsonl, results.json, and node logs. */
export function writeRunDir(dir: string, run: { test?: object; history?: Op[]; results?: object; logs?: Record<string, string> }): string {
  mkdirSync(join(dir, 'nodes'), { recursive: true });
  if (run.test) writeFileSync(join(dir, 'test.json'), JSON.stringify(run.test, null, 2));
  if (run.history) writeFileSync(join(dir, 'history.jsonl'), run.history.map((op) => JSON.stringify(op) + '\n').join(''));
  if (run.results) writeFileSync(join(dir, 'results.json'), JSON.stringify(run.results, null, 2));
  for (const [name, text] of Object.entries(run.logs ?? {})) writeFileSync(join(dir, 'nodes', name), text);
  return dir;
}

/** A test.json like the runner's, with `name`, `target` and the command chosen by the caller. */
export function testJsonFor(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    workload: 'register',
    target: 'raft-kv',
    seed: 7,
    options: { target: 'raft-kv', workload: 'register', runtime: 'local', nemesis: ['partition'], nodes: 3, concurrency: 8, timeLimit: 10 },
    command: 'npx faultline run --seed 7',
    startedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}
