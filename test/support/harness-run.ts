/**
 * A `faultline run` harness in a child process, for tests that stop it mid-run: a fresh working
 * directory per test, and afterwards the harness and every node it recorded killed by PID (pass or
 * fail) and the directory removed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterEach, beforeEach } from 'vitest';
import { startCliProcess } from './cli.js';
import { killAlive, recordedNodePids } from './processes.js';

export interface HarnessRun {
  /** The test's working directory (runs go to its reports/). */
  readonly cwd: string;
  /** Starts `faultline ...args` in the working directory; resolves `exited` when it ends. */
  start(args: string[], opts?: { detached?: boolean; env?: Record<string, string> }): { harness: ChildProcess; exited: Promise<number | null> };
  /** reports/latest of the working directory. */
  runDir(): string;
  /** The node PIDs the run recorded (also killed after the test). */
  recordNodePids(): number[];
  /** Polls `cond` every 100 ms, at most `tries` times; fails if the harness exits first. */
  waitFor(cond: () => boolean, what: string, tries?: number): Promise<void>;
}

/** Registers the per-test setup and cleanup; returns the handle the tests use. */
export function useHarnessRun(prefix: string): HarnessRun {
  let cwd = '';
  let harness: ChildProcess | undefined;
  let nodePids: number[] = [];
  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => {
    if (harness && harness.exitCode === null && harness.signalCode === null) harness.kill('SIGKILL');
    killAlive(nodePids);
    harness = undefined;
    nodePids = [];
    rmSync(cwd, { recursive: true, force: true });
  });
  const runDir = () => join(cwd, 'reports', 'latest');
  return {
    get cwd() {
      return cwd;
    },
    start(args, opts) {
      harness = startCliProcess(args, { cwd, ...opts });
      const h = harness;
      return { harness: h, exited: new Promise((r) => h.once('exit', (code) => r(code))) };
    },
    runDir,
    recordNodePids() {
      nodePids = recordedNodePids(runDir());
      return nodePids;
    },
    async waitFor(cond, what, tries = 600) {
      for (let i = 0; i < tries; i++) {
        try {
          if (cond()) return;
        } catch {
          // not there yet
        }
        if (harness?.exitCode !== null) throw new Error(`harness exited early (${harness?.exitCode}) waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`never happened: ${what}`);
    },
  };
}
