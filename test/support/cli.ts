/**
 * Running the real `faultline` command (bin/faultline.js over the compiled dist/) in a child process.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/core/paths.js';

export const BIN = join(packageRoot(), 'bin', 'faultline.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `faultline ...args` to completion (bounded by `timeoutMs`). */
export function runCliProcess(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: opts.cwd, env: { ...process.env, FORCE_COLOR: '0', ...opts.env }, timeout: opts.timeoutMs ?? 60_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * Starts `faultline ...args` in the background; with `detached`, as the leader of its own process
 * group, as a shell starts a foreground job (so a test can signal the group, as a terminal does).
 */
export function startCliProcess(args: string[], opts: { cwd?: string; detached?: boolean; env?: Record<string, string> } = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: { ...process.env, FORCE_COLOR: '0', ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: opts.detached });
}
