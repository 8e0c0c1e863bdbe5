import { describe, expect, it } from 'vitest';
import type { Op } from '../../src/core/op.js';
import { runExitCode } from '../../src/runner/gated-run.js';
import { crashLines, printSummary } from '../../src/cli/summary.js';
import { assembleResults, historyStats, type Results } from '../../src/runner/results.js';

/** One client op: invoke then its completion. */
function pair(index: number, type: 'ok' | 'fail' | 'info', error?: string): Op[] {
  const base = { process: index % 3, f: 'cas', value: [1, 2], key: 'k' } as const;
  return [
    { ...base, index: 2 * index, time: 2 * index * 1e6, type: 'invoke' },
    { ...base, index: 2 * index + 1, time: (2 * index + 1) * 1e6, type, ...(error ? { error } : {}) },
  ];
}

describe('run summary', () => {
  it('breaks fail completions down by error, most frequent first, so a cas mismatch is not read as an outage', () => {
    const errors = ['cas-mismatch', 'cas-mismatch', 'cas-mismatch', 'not-leader', 'unavailable', 'unavailable', 'no-such-key', 'x'.repeat(60)];
    const history = [...pair(0, 'ok'), ...errors.flatMap((e, i) => pair(i + 1, 'fail', e)), ...pair(20, 'info', 'timed-out')];
    const stats = historyStats(history);
    expect(stats).toMatchObject({ ops: 10, ok: 1, fail: 8, info: 1 });
    expect(Object.entries(stats.failErrors!)[0]).toEqual(['cas-mismatch', 3]);
    expect(stats.failErrors!['unavailable']).toBe(2);
    const results: Results = { ...assembleResults({}, [], history), valid: true, stats };
    let out = '';
    printSummary({ write: (s: string) => (out += s.replace(/\x1b\[[0-9;]*m/g, '')) }, '/tmp/run', results);
    const line = out.split('\n').find((l) => l.startsWith('fail'));
    expect(line).toBe('fail         3 cas-mismatch, 2 unavailable, 1 not-leader, 2 other');
  });

  it('prints no fail line when nothing failed', () => {
    const results: Results = { ...assembleResults({}, [], pair(0, 'ok')), valid: true };
    let out = '';
    printSummary({ write: (s: string) => (out += s.replace(/\x1b\[[0-9;]*m/g, '')) }, '/tmp/run', results);
    expect(out).not.toMatch(/^fail/m);
    expect(out).toMatch(/ops {10}1 \(ok 1, fail 0, info 0\)/);
  });

  it('says what its ops/s means and how long each node was down', () => {
    const kill = (t: number, type: 'invoke' | 'ok', f: string, nodes: string[]): Op => ({ index: 0, time: t * 1e9, process: 'nemesis', type, f, value: { nodes } });
    const history = [...pair(0, 'ok'), kill(0.5, 'ok', 'kill', ['n3']), ...pair(300, 'ok'), kill(1.5, 'ok', 'restart', ['n3']), ...pair(600, 'ok'), ...pair(999, 'ok')];
    const sorted = history.sort((a, b) => a.time - b.time);
    const results: Results = { ...assembleResults({}, [], sorted, 2), valid: true, stats: historyStats(sorted, 2) };
    let out = '';
    printSummary({ write: (s: string) => (out += s.replace(/\x1b\[[0-9;]*m/g, '')) }, '/tmp/run', results);
    const lines = out.split('\n');
    expect(lines.find((l) => l.startsWith('throughput'))).toBe('throughput   2 ops/s (client completions in the 2.0 s load phase ÷ its seconds)');
    expect(lines.find((l) => l.startsWith('down'))).toBe('down         n3 50% of the load phase (killed or paused)');
  });

  it('a run interrupted while its cluster started gives no load figures: no throughput of a 0.0 s load phase, no availability of no ops', () => {
    const starting = [pair(0, 'ok')[0]!]; // one invoke, never completed
    for (const history of [[], starting]) {
      const r: Results = { ...assembleResults({}, [], history, 10), interrupted: true, interruptedBy: 'SIGINT' };
      expect(r.stats.loadS).toBeUndefined();
      let out = '';
      printSummary({ write: (s: string) => (out += s.replace(/\x1b\[[0-9;]*m/g, '')) }, '/tmp/run', r);
      expect(out).toMatch(/^verdict {6}unknown \(interrupted by SIGINT/m);
      expect(out).toMatch(/^ops {10}0 \(ok 0, fail 0, info 0\)/m);
      expect(out).not.toMatch(/ops\/s|load phase|^availability/m);
    }
  });

  it('an interrupted run is unknown (exit 2) unless an anomaly was already found (exit 1), and says it was interrupted', () => {
    const stats = historyStats(pair(0, 'ok'));
    const summary = (r: Results) => {
      let out = '';
      printSummary({ write: (s: string) => (out += s.replace(/\x1b\[[0-9;]*m/g, '')) }, '/tmp/run', r);
      return out.split('\n').find((l) => l.startsWith('verdict'));
    };
    const valid: Results = { ...assembleResults({}, [], pair(0, 'ok')), valid: true, stats, interrupted: true, interruptedBy: 'SIGHUP' };
    expect(runExitCode({ results: valid })).toBe(2);
    expect(summary(valid)).toBe('verdict      unknown (interrupted by SIGHUP; the history recorded until then is valid)');
    const invalid: Results = { ...valid, valid: false, interruptedBy: 'SIGINT' };
    expect(runExitCode({ results: invalid })).toBe(1);
    expect(summary(invalid)).toBe('verdict      INVALID (interrupted by SIGINT)');
    // Interrupted while the cluster was starting: the failure's own code (130) gives way to 2.
    expect(runExitCode({ results: { ...valid, valid: 'unknown' }, failure: { message: 'interrupted', exitCode: 130 } })).toBe(2);
    expect(runExitCode({ results: { ...valid, interrupted: undefined } })).toBe(0);
  });

  it('shows a node crash with the tail of its log, control characters escaped', () => {
    const lines = crashLines([{ node: 'n2', code: 3, at: '2026-01-01T00:00:00.000Z', time: 2.5e9, logTail: ['a', 'b', 'panic: \u001b[2Jboom'] }], 2)
      .map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''));
    expect(lines).toEqual([
      'crashed      node n2 exited with code 3 on its own at 2.5 s; last lines of nodes/n2.log:',
      '               b',
      '               panic: \\x1b[2Jboom',
    ]);
    expect(crashLines([{ node: 'n1', signal: 'SIGSEGV', at: 'x', logTail: [] }])[0]).toContain('node n1 was ended by SIGSEGV on its own during start-up');
  });
});
