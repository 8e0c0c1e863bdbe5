/**
 * Run directories made up for the report's tests: a synthetic history of any size (client ops on
 * `concurrency` workers, some fail/info, optional nemesis faults, of two kinds overlapping if asked),
 * a register history that is linearizable but for one stale read, results with chosen anomalies,
 * and a helper writing them as a run directory the store would have written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Anomaly } from '../../src/core/checker.js';
import type { Op } from '../../src/core/op.js';
import { assembleResults, type Results } from '../../src/runner/results.js';

/** The string every safety test plants in a history, a log name and an explanation. */
export const XSS = '<img src=x onerror=alert(1)>';

/** Options of `syntheticHistory`. */
export interface SyntheticOptions {
  concurrency?: number;
  /** A partition over the middle fifth of the run. */
  nemesis?: boolean;
  /** Also a pause of n2 inside the partition (45–52 % of the run): two kinds of fault overlapping. */
  overlapping?: boolean;
  /** Each op's value. */
  value?: (i: number) => unknown;
  /** Each op's function (default: every third a write, the others reads). */
  f?: (i: number) => string;
  /** Nanoseconds between one worker's ops (default 1 ms). */
  stepNs?: number;
}

/** The nemesis records of a run ending at `end` ns: a partition, and a pause inside it if `overlapping`. */
function nemesisEvents(end: number, overlapping: boolean): Omit<Op, 'index'>[] {
  const at = (frac: number, extra = 0) => Math.round(end * frac) + extra;
  const events: Omit<Op, 'index'>[] = [
    { time: at(0.4), process: 'nemesis', type: 'invoke', f: 'start-partition', value: 'majority' },
    { time: at(0.4, 1000), process: 'nemesis', type: 'info', f: 'start-partition', value: [['n1'], ['n2', 'n3']] },
    { time: at(0.6), process: 'nemesis', type: 'invoke', f: 'stop-partition', value: null },
    { time: at(0.6, 1000), process: 'nemesis', type: 'info', f: 'stop-partition', value: 'healed' },
  ];
  if (overlapping) {
    events.push(
      { time: at(0.45), process: 'nemesis', type: 'invoke', f: 'pause', value: { targets: 'one' } },
      { time: at(0.45, 1000), process: 'nemesis', type: 'ok', f: 'pause', value: { targets: 'one', nodes: ['n2'] } },
      { time: at(0.52), process: 'nemesis', type: 'invoke', f: 'resume', value: null },
      { time: at(0.52, 1000), process: 'nemesis', type: 'ok', f: 'resume', value: { nodes: ['n2'] } },
    );
  }
  return events;
}

/**
 * `n` client ops (2n records) on `concurrency` workers, `stepNs` apart per worker, with every 17th op
 * failing and every 101st indeterminate (the worker then continues as process + concurrency), plus
 * a partition fault over the middle fifth when `nemesis` is set (and a pause inside it when
 * `overlapping` is). `value` makes each op's value.
 */
export function syntheticHistory(n: number, opts: SyntheticOptions = {}): Op[] {
  const c = opts.concurrency ?? 8;
  const ops: Op[] = [];
  const proc = Array.from({ length: c }, (_, i) => i);
  const events: Omit<Op, 'index'>[] = [];
  for (let i = 0; i < n; i++) {
    const w = i % c;
    const t = Math.floor(i / c) * (opts.stepNs ?? 1_000_000) + w * 37_000;
    const f = opts.f ? opts.f(i) : i % 3 === 0 ? 'write' : 'read';
    const value = opts.value ? opts.value(i) : i;
    const type = i % 101 === 100 ? 'info' : i % 17 === 16 ? 'fail' : 'ok';
    events.push({ time: t, process: proc[w], type: 'invoke', f, value, key: `k${i % 5}` });
    events.push({ time: t + 400_000 + (i % 7) * 50_000, process: proc[w], type, f, value, key: `k${i % 5}`, ...(type === 'ok' ? {} : { error: 'timeout' }) });
    if (type === 'info') proc[w] += c;
  }
  if (opts.nemesis || opts.overlapping) events.push(...nemesisEvents(Math.floor(n / c) * (opts.stepNs ?? 1_000_000), !!opts.overlapping));
  return indexed(events);
}

/** Sorts records by time and numbers them. */
function indexed(events: Omit<Op, 'index'>[]): Op[] {
  return events.sort((a, b) => a.time - b.time).map((e, index) => ({ index, ...e }) as Op);
}

/**
 * A register history on keys k0…k4: `n` writes and reads one after another (worker i % concurrency,
 * 150 µs apart, 100 µs each), every read returning the key's last write, so it is linearizable —
 * then one short read of `staleKey` returning that key's first value: the only op that cannot be
 * placed. With the overlapping faults of `syntheticHistory`.
 */
export function staleReadHistory(n: number, staleKey = 'k3', concurrency = 8): Op[] {
  const last = new Map<string, number>();
  const first = new Map<string, number>();
  const events: Omit<Op, 'index'>[] = [];
  const op = (i: number, key: string, f: string, value: number | null, out: number | null) => {
    const t = i * 150_000;
    events.push({ time: t, process: i % concurrency, type: 'invoke', f, value, key });
    events.push({ time: t + 100_000, process: i % concurrency, type: 'ok', f, value: out, key });
  };
  for (let i = 0; i < n; i++) {
    const key = `k${i % 5}`;
    if (!last.has(key) || i % 3 === 0) {
      op(i, key, 'write', i, i);
      last.set(key, i);
      if (!first.has(key)) first.set(key, i);
    } else op(i, key, 'read', null, last.get(key)!);
  }
  op(n, staleKey, 'read', null, first.get(staleKey)!);
  return indexed(events.concat(nemesisEvents(n * 150_000, true)));
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
    command: 'node bin/faultline.js run --seed 7',
    startedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}
