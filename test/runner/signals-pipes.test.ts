/**
 * A run whose reader goes away (`faultline run | head -2`, a closed terminal, a dropped SSH session)
 * goes on to the end: it heals, tears down, stores its results and exits with the run's code. SIGHUP
 * stops a run as SIGTERM does, and an interrupted run never exits 0. A terminal's signals reach the
 * harness, not its nodes (each leads its own process group). Real harness processes against
 * raft-kv; the harness and every node it recorded are killed by PID after each test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../src/core/checker.js';
import { useHarnessRun } from '../support/harness-run.js';
import { processAlive } from '../support/processes.js';

const run = useHarnessRun('faultline-pipes-');
const read = (name: string) => readFileSync(join(run.runDir(), name), 'utf8');

describe('signals and closed pipes', () => {
  it('a closed stdout and stderr (| head -2) never end the run: it finishes, stores results and exits with its verdict', async () => {
    // Progress is on: a plain line every 5 s, so the run writes to the closed pipe while it runs.
    const { harness, exited } = run.start(['run', '--nemesis', 'kill', '--nemesis-interval', '2', '--time-limit', '12', '--seed', '3']);
    let lines = 0;
    await new Promise<void>((resolve) => {
      harness.stdout!.on('data', (d: Buffer) => {
        lines += d.toString().split('\n').length - 1;
        if (lines >= 2) resolve();
      });
    });
    // What `head -2` does after its second line: close the read end (stderr too, as a closed terminal would).
    harness.stdout!.destroy();
    harness.stderr!.destroy();
    // The first lines come before the cluster starts: wait for its nodes to be recorded.
    await run.waitFor(() => run.recordNodePids().length === 3, 'the three node PIDs recorded', 600);
    const nodePids = run.recordNodePids();
    const code = await exited;

    const results = JSON.parse(read('results.json'));
    expect(results.interrupted).toBeUndefined();
    expect(results.nodeCrashes).toBeUndefined(); // nodes killed by the nemesis are not crashes
    expect(results.stats.ops).toBeGreaterThan(0);
    expect(code).toBe(exitCodeFor(results.valid));
    expect(JSON.parse(read('test.json')).endedAt).toBeDefined();
    expect(read('report.html')).toContain('<html');
    expect(nodePids.filter(processAlive)).toEqual([]);
  });

  it('SIGHUP with the terminal gone heals, tears down, stores results and exits 2 with "interrupted" in the summary', async () => {
    const { harness, exited } = run.start(['run', '--nemesis', 'pause', '--nemesis-interval', '0.5', '--time-limit', '120', '--no-progress', '--seed', '5']);
    await run.waitFor(() => read('history.jsonl').includes('"type":"ok","f":"pause"'), 'a completed pause', 300);
    const nodePids = run.recordNodePids();
    harness.stdout!.destroy();
    harness.stderr!.destroy();
    harness.kill('SIGHUP');
    const code = await exited;

    expect(harness.signalCode).toBeNull(); // it handled the signal instead of dying of it
    const results = JSON.parse(read('results.json'));
    expect(results).toMatchObject({ interrupted: true, interruptedBy: 'SIGHUP' });
    expect(results.nodeCrashes).toBeUndefined();
    expect(results.checks.linearizable.valid).toBe(true);
    expect(code).toBe(2);
    expect(read('harness.log')).toMatch(/final heal: /);
    expect(nodePids.filter(processAlive)).toEqual([]);
  });

  it('an interrupted run says so in its summary and exits 2 when the history is valid', async () => {
    const { harness, exited } = run.start(['run', '--nemesis', 'none', '--time-limit', '120', '--no-progress', '--seed', '6']);
    let out = '';
    harness.stdout!.on('data', (d) => (out += d));
    await run.waitFor(() => read('history.jsonl').length > 20_000, 'some history');
    run.recordNodePids();
    harness.kill('SIGTERM');
    expect(await exited).toBe(2);
    expect(out).toMatch(/^verdict +unknown \(interrupted by SIGTERM; the history recorded until then is valid\)$/m);
  });

  it('Ctrl-C at a terminal (SIGINT to the whole foreground group) reaches the harness alone: no node counts as crashed', async () => {
    const { harness, exited } = run.start(['run', '--nemesis', 'none', '--time-limit', '120', '--no-progress', '--seed', '7'], { detached: true });
    await run.waitFor(() => read('history.jsonl').length > 20_000, 'some history');
    const nodePids = run.recordNodePids();
    process.kill(-harness.pid!, 'SIGINT'); // what the terminal does: the harness's whole process group
    expect(await exited).toBe(2);
    const results = JSON.parse(read('results.json'));
    expect(results).toMatchObject({ interrupted: true, interruptedBy: 'SIGINT' });
    expect(results.nodeCrashes).toBeUndefined(); // the nodes were stopped by the teardown, not by the terminal
    expect(nodePids.filter(processAlive)).toEqual([]);
  });
});
