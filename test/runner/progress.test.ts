import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Op } from '../../src/core/op.js';
import { startProgress } from '../../src/runner/progress.js';

const completion = (type: Op['type'], process: Op['process'] = 0): Op => ({ index: 0, time: 0, process, type, f: 'read', value: null });

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, out: { isTTY, write: (s: string) => chunks.push(s) } };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

describe('progress', () => {
  it('counts client completions by outcome, not invokes or nemesis ops', () => {
    const { out } = stream(false);
    const p = startProgress({ out, timeLimit: 10, startedAt: 0, mode: 'none' });
    for (const t of ['invoke', 'ok', 'ok', 'fail', 'info'] as const) p.record(completion(t));
    p.record(completion('ok', 'nemesis'));
    expect(p.counts).toEqual({ ops: 4, ok: 2, fail: 1, info: 1 });
    p.stop();
  });

  it('rewrites one line in place on a TTY and ends it on stop', () => {
    const { out, chunks } = stream(true);
    const p = startProgress({ out, timeLimit: 10, startedAt: 0, mode: 'auto' });
    p.record(completion('ok'));
    vi.advanceTimersByTime(2000);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.startsWith('\r\x1b[K'))).toBe(true);
    expect(chunks.at(-1)).toContain('ops 1  ok 1  fail 0  info 0  1 ops/s  8 s left');
    p.stop();
    expect(chunks.at(-1)?.endsWith('\n')).toBe(true);
  });

  it('prints plain periodic lines when not a TTY', () => {
    const { out, chunks } = stream(false);
    const p = startProgress({ out, timeLimit: 30, startedAt: 0, mode: 'auto', plainEveryMs: 5000 });
    vi.advanceTimersByTime(10_500);
    expect(chunks).toEqual([
      'ops 0  ok 0  fail 0  info 0  0 ops/s  25 s left\n',
      'ops 0  ok 0  fail 0  info 0  0 ops/s  20 s left\n',
    ]);
    p.stop();
  });
});
