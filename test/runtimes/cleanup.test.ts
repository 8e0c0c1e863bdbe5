/**
 * A harness SIGKILLed in the middle of a fault leaves its nodes running (paused, partitioned);
 * `faultline cleanup` finds them through pids.json, kills exactly them, and removes the clock files.
 * No node process, client port or link proxy is left. Every process started here is killed by PID
 * in afterEach, pass or fail.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { findRunDirs } from '../../src/cli/cleanup.js';
import { readPidRecord, type PidRecord } from '../../src/runtimes/pid-record.js';
import { runCliProcess, startCliProcess } from '../support/cli.js';
import { portClosed } from '../support/ports.js';
import { processAlive } from '../support/processes.js';

let dir: string | undefined;
let harness: ChildProcess | undefined;
let nodePids: number[] = [];

afterEach(() => {
  for (const pid of [harness?.pid, ...nodePids]) {
    if (pid === undefined) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  harness = undefined;
  nodePids = [];
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The last nemesis completion in the run's history, if any. */
function lastNemesisCompletion(run: string): { f: string } | undefined {
  const path = join(run, 'history.jsonl');
  if (!existsSync(path)) return undefined;
  const ops = readFileSync(path, 'utf8').split('\n').filter((l) => l.includes('"nemesis"') && !l.includes('"invoke"'));
  const last = ops.at(-1);
  try {
    return last ? (JSON.parse(last) as { f: string }) : undefined;
  } catch {
    return undefined; // a half-written line
  }
}

describe('faultline cleanup after a SIGKILLed harness', () => {
  it('kills the nodes it left mid-fault, and nothing of the run is left', async () => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-cleanup-'));
    harness = startCliProcess([
      'run', '--nemesis', 'pause,partition', '--nemesis-opt', 'pause.targets=majority', '--nemesis-interval', '0.3',
      '--time-limit', '60', '--seed', '5', '--no-progress', '--reports-dir', dir,
    ]);
    let run: string | undefined;
    let rec: PidRecord | undefined;
    for (let i = 0; i < 600; i++) {
      run ??= findRunDirs(dir)[0];
      rec = run ? readPidRecord(run) : undefined;
      if (rec) nodePids = rec.nodes;
      const last = run ? lastNemesisCompletion(run) : undefined;
      if (last && (last.f === 'pause' || last.f === 'start-partition')) break;
      await sleep(50);
    }
    expect(lastNemesisCompletion(run!)?.f, 'a fault in place').toMatch(/^(pause|start-partition)$/);
    harness.kill('SIGKILL');
    await new Promise((r) => (harness!.exitCode !== null || harness!.signalCode !== null ? r(null) : harness!.once('exit', r)));

    rec = readPidRecord(run!)!;
    expect(rec.procs).toHaveLength(3);
    expect(rec.procs.every((p) => processAlive(p.pid))).toBe(true); // orphans, as a SIGKILL leaves them
    const proxyPorts = rec.procs.flatMap((p) => [...p.cmdline.matchAll(/n\d=127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1])));
    const clientPorts = rec.procs.map((p) => Number(/--listen 127\.0\.0\.1:(\d+)/.exec(p.cmdline)![1]));
    expect(proxyPorts).toHaveLength(6);

    const r = await runCliProcess(['cleanup', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1 run directories checked, 3 processes killed/);
    expect(rec.procs.filter((p) => processAlive(p.pid))).toEqual([]);
    for (const port of [...proxyPorts, ...clientPorts]) expect(await portClosed(port)).toBe(true);
    expect(rec.files.filter((f) => existsSync(f))).toEqual([]);
    expect(readPidRecord(run!)!.cleanedAt).toBeDefined();

    const again = await runCliProcess(['cleanup', dir]);
    expect(again.stdout).toMatch(/0 processes killed/);
  });
});
