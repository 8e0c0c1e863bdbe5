/** Process helpers for tests that assert nothing was left running. */
import { readFileSync } from 'node:fs';

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
