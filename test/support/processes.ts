/** Process helpers for tests that assert nothing was left running. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** True while a process with this PID exists (and is not a zombie). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // A zombie still answers signal 0; /proc says it is gone in all but name.
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}

/** The node PIDs a run recorded in `runDir/pids.json` (throws if the file is missing). */
export function recordedNodePids(runDir: string): number[] {
  return (JSON.parse(readFileSync(join(runDir, 'pids.json'), 'utf8')) as { nodes: number[] }).nodes;
}

/** SIGKILLs each of `pids` still alive: processes a test started, ended by PID. */
export function killAlive(pids: readonly number[]): void {
  for (const pid of pids.filter(processAlive)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone in between
    }
  }
}

/** The process state letter (R, S, T, …) of `pid` from /proc, or undefined when it is gone or a zombie. */
export function processState(pid: number): string | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the state follows the last ')'.
    const st = s.slice(s.lastIndexOf(')') + 2)[0];
    return st === 'Z' ? undefined : st;
  } catch {
    return undefined;
  }
}
