/**
 * One node's process in the local runtime: started with execa, stdout and stderr appended to the
 * node's log file, stopped by PID with SIGTERM and, after a grace period, SIGKILL. `stop` resolves
 * only once the process is gone, so teardown never leaves a process behind.
 */
import { readFileSync } from 'node:fs';
import { execa } from 'execa';
import type { NodeSpec } from '../core/target.js';

export interface NodeProcess {
  readonly pid: number | undefined;
  /** True until the process has exited. */
  readonly running: boolean;
  /** Exit code or signal, once exited. */
  readonly exit: { code?: number; signal?: string } | undefined;
  /** Resolves when the process exits. */
  readonly exited: Promise<void>;
  /** Sends a signal by PID (no-op once exited). */
  signal(sig: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs: number): Promise<void>;
}

/** Starts `spec`, appending its output to `logFile`. */
export function startNodeProcess(spec: NodeSpec, logFile: string): NodeProcess {
  // Both streams append to the same file (O_APPEND keeps their writes whole).
  const child = execa(spec.command, spec.args, {
    env: spec.env,
    cwd: spec.cwd,
    stdin: 'ignore',
    stdout: { file: logFile, append: true },
    stderr: { file: logFile, append: true },
    reject: false,
    cleanup: true,
    // The harness decides when nodes stop; never kill them on a timeout of execa's own.
    forceKillAfterDelay: false,
  });
  let exit: NodeProcess['exit'];
  const exited = child.then(
    (r) => {
      exit = { code: r.exitCode, signal: r.signal };
    },
    (e: unknown) => {
      exit = { signal: String((e as { signal?: string }).signal ?? 'error') };
    },
  );
  const send = (sig: NodeJS.Signals) => {
    if (exit || child.pid === undefined) return;
    try {
      process.kill(child.pid, sig);
    } catch {
      // already gone
    }
  };
  return {
    pid: child.pid,
    get running() {
      return exit === undefined;
    },
    get exit() {
      return exit;
    },
    exited,
    signal: send,
    async stop(graceMs) {
      if (exit) return;
      send('SIGCONT'); // a paused process cannot handle SIGTERM
      send('SIGTERM');
      const timer = setTimeout(() => send('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The last `n` lines of a log file, for error messages about a node that would not start. */
export function tailLog(file: string, n = 5): string {
  try {
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    return lines.slice(-n).join('\n');
  } catch {
    return '(no log)';
  }
}
