/**
 * The progress line on a fake clock (vitest's fake timers), written to a captured stream that says it
 * is a TTY or not. A real run's output is checked in run-progress.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Op } from '../../src/core/op.js';
import { simulate } from '../../src/core/generators/simulate.js';
import { phaseMarker, phaseOfLog } from '../../src/runner/phase.js';
import { startProgress } from '../../src/runner/progress.js';
import { historyStats } from '../../src/runner/results.js';
import { nemesisPackages } from '../../nemeses/index.js';

let index = 0;
const record = (type: Op['type'], process: Op['process'] = 0, time = 0, f = 'read', value: unknown = null): Op => ({ index: index++, time, process, type, f, value });

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, out: { isTTY, write: (s: string) => chunks.push(s) } };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
  index = 0;
});
afterEach(() => vi.useRealTimers());

describe('progress', () => {
  it('counts client completions by outcome, not invokes or nemesis ops', () => {
    const { out } = stream(false);
    const p = startProgress({ out, timeLimit: 10, mode: 'none' });
    for (const t of ['invoke', 'ok', 'ok', 'fail', 'info'] as const) p.record(record(t));
    p.record(record('ok', 'nemesis'));
    expect(p.counts).toEqual({ ops: 4, ok: 2, fail: 1, info: 1 });
    p.stop();
  });

  it('on a TTY: one line rewritten in place; the countdown starts with the load, not with the cluster', () => {
    const { out, chunks } = stream(true);
    const p = startProgress({ out, timeLimit: 10, mode: 'auto' });
    p.phase({ phase: 'starting cluster', detail: '(3 nodes)' });
    vi.advanceTimersByTime(5000); // a slow cluster start
    expect(chunks.at(-1)).toBe('\r\x1b[Kstarting cluster (3 nodes)  5 s');
    expect(chunks.some((c) => c.includes('left'))).toBe(false);
    p.phase({ phase: 'load', seconds: 10 });
    expect(chunks.at(-1)).toBe('\r\x1b[Kload  10 s left  ·  ops 0 (ok 0 fail 0 info 0)  ·  0 ops/s');
    p.record(record('invoke', 0, 0));
    p.record(record('ok', 0, 1e9));
    p.record(record('invoke', 1, 1e9));
    vi.advanceTimersByTime(2000);
    expect(chunks.at(-1)).toBe('\r\x1b[Kload  8 s left  ·  ops 1 (ok 1 fail 0 info 0)  ·  1 ops/s');
    vi.advanceTimersByTime(8000);
    expect(chunks.at(-1)).toBe('\r\x1b[Kload  time up, 1 op in flight  ·  ops 1 (ok 1 fail 0 info 0)  ·  1 ops/s');
    p.phase({ phase: 'checking', detail: '1 ops' });
    expect(chunks.at(-1)).toBe('\r\x1b[Kchecking 1 ops  ·  ops 1 (ok 1 fail 0 info 0)  ·  1 ops/s');
    expect(chunks.every((c) => c.startsWith('\r\x1b[K'))).toBe(true);
    p.stop();
    expect(chunks.at(-1)?.endsWith('\n')).toBe(true);
  });

  it('on a TTY, cuts the line to the terminal width so it can be rewritten in place', () => {
    const { out, chunks } = stream(true);
    const p = startProgress({ out: { ...out, columns: 20 }, timeLimit: 10, mode: 'auto' });
    p.phase({ phase: 'load', seconds: 10 });
    expect(chunks.at(-1)).toBe('\r\x1b[Kload  10 s left  · ');
    p.stop();
  });

  it('not on a TTY: a plain line at every phase change and every few seconds', () => {
    const { out, chunks } = stream(false);
    const p = startProgress({ out, timeLimit: 30, mode: 'auto', plainEveryMs: 5000 });
    p.phase({ phase: 'starting cluster', detail: '(3 nodes)' });
    vi.advanceTimersByTime(2000);
    p.phase({ phase: 'load', seconds: 30 });
    vi.advanceTimersByTime(10_500);
    p.phase({ phase: 'healing' });
    p.phase({ phase: 'settling', seconds: 5 });
    p.stop();
    expect(chunks).toEqual([
      'starting cluster (3 nodes)\n',
      'load  30 s left  ·  ops 0 (ok 0 fail 0 info 0)  ·  0 ops/s\n',
      'load  25 s left  ·  ops 0 (ok 0 fail 0 info 0)  ·  0 ops/s\n',
      'load  20 s left  ·  ops 0 (ok 0 fail 0 info 0)  ·  0 ops/s\n',
      'healing  ·  ops 0 (ok 0 fail 0 info 0)  ·  0 ops/s\n',
      'settling  5 s left  ·  ops 0 (ok 0 fail 0 info 0)  ·  0 ops/s\n',
    ]);
  });

  it('shows the faults in force right now, read from the nemesis ops', () => {
    const { out, chunks } = stream(false);
    const p = startProgress({ out, timeLimit: 30, mode: 'auto', nemeses: nemesisPackages });
    p.phase({ phase: 'load', seconds: 30 });
    expect(chunks.at(-1)).toContain('faults: none');
    p.record(record('invoke', 'nemesis', 1e9, 'start-partition', { mode: 'halves' }));
    p.record(record('ok', 'nemesis', 1.1e9, 'start-partition', { mode: 'halves', grudge: {} }));
    p.record(record('ok', 'nemesis', 2e9, 'pause', { targets: 'one', nodes: ['n2'] }));
    p.phase({ phase: 'load', seconds: 28 });
    expect(chunks.at(-1)).toMatch(/  ·  faults: partition halves, pause n2\n$/);
    p.record(record('ok', 'nemesis', 3e9, 'stop-partition', { healed: {} }));
    p.phase({ phase: 'healing' });
    expect(chunks.at(-1)).toMatch(/  ·  faults: pause n2\n$/);
    p.stop();
  });

  it('shows the ops/s the summary will show: completions in the load phase ÷ its seconds', () => {
    const { out, chunks } = stream(false);
    const p = startProgress({ out, timeLimit: 2, mode: 'auto' });
    p.phase({ phase: 'load', seconds: 2 });
    const history: Op[] = [];
    for (let i = 0; i < 50; i++) history.push(record('invoke', i % 3, i * 0.04e9), record('ok', i % 3, i * 0.04e9 + 0.01e9));
    history.push(record('invoke', 0, 7e9), record('ok', 0, 7.01e9)); // a final read after settling
    for (const op of history) p.record(op);
    p.phase({ phase: 'checking', detail: `${p.counts.ops} ops` });
    p.stop();
    const shown = Number(/(\d+) ops\/s/.exec(chunks.at(-1)!)![1]);
    expect(shown).toBe(25);
    expect(Math.round(historyStats(history, 2).opsPerSec)).toBe(shown);
  });
});

describe('phase markers', () => {
  it('round-trip through a log message, and no other message is a phase', () => {
    expect(phaseOfLog('phase: settling (1.5 s)')).toEqual({ phase: 'settling', seconds: 1.5 });
    expect(phaseOfLog('phase: healing')).toEqual({ phase: 'healing' });
    expect(phaseOfLog('phase: lunch')).toBeUndefined();
    expect(phaseOfLog('nemesis invoke kill {}')).toBeUndefined();
    const op = simulate(phaseMarker('settling', 5), { concurrency: 1 });
    expect(op).toEqual([]); // a log op is no history record
  });
});
