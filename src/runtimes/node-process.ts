/**
 * One node's process in the local runtime: started with execa, stopped by PID with SIGTERM and,
 * after a grace period, SIGKILL. `stop` resolves only once the process is gone, so teardown never
 * leaves a process behind.
 *
 * A node does not depend on the harness to live. Its stdout and stderr are the node's log file itself
 * (the harness opens it and hands the descriptor to the child), not pipes through the harness: with
 * pipes, a harness killed with SIGKILL took every node down at its next log line (EPIPE), with the
 * lines before it lost. And each node leads its own process group, so the signals a terminal sends
 * to its foreground group (Ctrl-C, SIGHUP when it closes) reach the harness alone, which then stops
 * the nodes in order; a SIGKILLed harness leaves them running for `faultline cleanup`.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { execa, type Options, type ResultPromise } from 'execa';

/** A command line to start, as the harness host runs it. */
export interface LaunchSpec {
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
}

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

/**
 * Starts `spec`, appending its output to `logFile`. `onUnexpectedExit` hears of an exit the harness
 * did not ask for: one with no SIGTERM, SIGINT or SIGKILL sent through `signal` or `stop` before it.
 */
export function startNodeProcess(spec: LaunchSpec, logFile: string, onUnexpectedExit?: (exit: { code?: number; signal?: string }) => void): NodeProcess {
  // Both streams are one descriptor of the file, opened for appending (O_APPEND keeps writes whole).
  // The child holds its own copy once spawned (synchronously, inside execa()), so ours is closed.
  const log = openSync(logFile, 'a');
  // execa hands a descriptor number straight to spawn (any number at run time; its types name 3–9 only).
  const fd = log as 3;
  const options: Options = {
    env: spec.env,
    cwd: spec.cwd,
    stdin: 'ignore',
    stdout: fd,
    stderr: fd,
    detached: true,
    reject: false,
    // The harness decides when nodes stop (the exit guard kills them if it ends without a teardown);
    // never kill them on a timeout of execa's own.
    forceKillAfterDelay: false,
  };
  let child: ResultPromise;
  try {
    child = execa(spec.command, spec.args, options);
  } finally {
    closeSync(log);
  }
  let exit: NodeProcess['exit'];
  let askedToEnd = false;
  const exited = child.then(
    (r) => {
      exit = { code: r.exitCode, signal: r.signal };
    },
    (e: unknown) => {
      exit = { signal: String((e as { signal?: string }).signal ?? 'error') };
    },
  );
  if (onUnexpectedExit) void exited.then(() => askedToEnd || onUnexpectedExit(exit ?? {}));
  const send = (sig: NodeJS.Signals) => {
    if (sig === 'SIGKILL' || sig === 'SIGTERM' || sig === 'SIGINT') askedToEnd = true;
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

/** The last `n` lines of a log file (read from its last 64 kB), oldest first; empty if there is none. */
export function tailLines(file: string, n: number): string[] {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const len = Math.min(size, 64 * 1024);
    const buf = Buffer.alloc(len);
    readSync(fd, buf, 0, len, size - len);
    const text = buf.toString('utf8').trimEnd();
    if (text === '') return [];
    const lines = text.split('\n');
    if (len < size) lines.shift(); // the first line read is probably cut
    return lines.slice(-n);
  } catch {
    return [];
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The last `n` lines of a log file, for error messages about a node that would not start. */
export function tailLog(file: string, n = 5): string {
  const lines = tailLines(file, n);
  return lines.length ? lines.join('\n') : '(no log)';
}
