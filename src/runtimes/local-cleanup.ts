/**
 * The local runtime's crash cleanup: what a harness killed with SIGKILL left of a local run. Its
 * `pids.json` lists the processes the run started, each with the command line and start time the
 * kernel reported; a PID is killed (SIGCONT, then SIGKILL) only while it is still that very process.
 * Then the run's clock offset files are removed, and libfaketime's /dev/shm files of the processes
 * that were still ours (a file named by a PID that is now another process, or none, is left alone: it
 * may be another program's), and its powerloss-fs mounts detached (a killed helper's mount normally
 * goes with it; this covers the rest). Link proxies live inside the harness process, so they died
 * with it. The netns runtime runs its nodes the same way and cleans them with this too.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { removeFiles, SHM_DIR, shmFiles } from './local-clock.js';
import { processGone, readPidRecord, sameProcess, type PidRecord } from './pid-record.js';
import { isMounted, unmountNow } from './powerloss-fs.js';
import type { CleanupReport } from './runtime.js';

/** Kills the recorded processes still ours, then removes the run's files and mounts. */
export async function cleanupHostProcesses(dir: string, rec: PidRecord): Promise<CleanupReport> {
  const live = rec.procs.filter(sameProcess);
  for (const p of live) {
    for (const sig of ['SIGCONT', 'SIGKILL'] as const) {
      try {
        process.kill(p.pid, sig);
      } catch {
        // already gone
      }
    }
  }
  // SIGKILL takes effect only once a process leaves an uninterruptible wait (an fsync on a busy disk
  // can take seconds), so give it time before removing what it may still use.
  for (let i = 0; i < 500 && !live.every(processGone); i++) await sleep(20);
  // The run's own files go; libfaketime's /dev/shm files are named by PID, so only those of processes
  // just seen to be ours: the file of a recorded PID that now names another process (or none) may be
  // another program's.
  const files = [...rec.files.filter((f) => !f.startsWith(SHM_DIR)), ...live.flatMap((p) => shmFiles(p.pid))];
  removeFiles(files);
  const unmounted = (rec.mounts ?? []).filter(isMounted);
  for (const m of unmounted) unmountNow(m);
  if (rec.procs.length === 0 && rec.nodes.length > 0) {
    return { dir, killed: [], files: files.length, skipped: 'old pids.json without process identities: cannot tell our processes from others' };
  }
  const stuck = live.filter((p) => !processGone(p)).map((p) => p.pid);
  return { dir, killed: live.map((p) => p.pid), files: files.length, unmounted, ...(stuck.length ? { stillExiting: stuck } : {}) };
}

/** `Runtime.cleanup` of the local runtime. */
export async function cleanupLocalRun(dir: string): Promise<CleanupReport> {
  const rec = readPidRecord(dir);
  if (!rec) return { dir, killed: [], files: 0, skipped: 'unreadable pids.json' };
  return cleanupHostProcesses(dir, rec);
}
