/**
 * `faultline cleanup [reports-dir]`: removes what a harness killed with SIGKILL left behind. Every run
 * directory's `pids.json` lists the processes the run started, each with the command line and start
 * time the kernel reported; a PID is killed (SIGCONT, then SIGKILL) only while it is still that very
 * process. Then the run's clock offset files are removed, and libfaketime's /dev/shm files of the
 * processes that were still ours (a file named by a PID that is now another process, or none, is left
 * alone: it may be another program's), and its powerloss-fs mounts detached (a killed helper's mount
 * normally goes with it; this covers the rest). Link proxies live inside the harness process, so they
 * die with it. Runs whose harness is still alive are left alone.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { removeFiles, SHM_DIR, shmFiles } from '../runtimes/local-clock.js';
import { PID_FILE, readPidRecord, sameProcess, writePidRecord } from '../runtimes/pid-record.js';
import { isMounted, unmountNow } from '../runtimes/powerloss-fs.js';
import { setExitCode } from './exit.js';
import { setTimeout as sleep } from 'node:timers/promises';

/** What cleanup did in one run directory. */
export interface CleanupReport {
  dir: string;
  killed: number[];
  skipped?: string;
  /** Killed, but still not gone after 10 s (stuck in the kernel). */
  stillExiting?: number[];
  files: number;
  /** Mount points detached. */
  unmounted?: string[];
}

/** Run directories below `root` (those holding a pids.json), at most `depth` levels down. */
export function findRunDirs(root: string, depth = 4): string[] {
  const out: string[] = [];
  const walk = (dir: string, d: number) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    if (names.includes(PID_FILE)) out.push(dir);
    if (d === 0) return;
    for (const n of names) {
      const p = join(dir, n);
      try {
        if (lstatSync(p).isDirectory() && n !== 'nodes') walk(p, d - 1); // not through symlinks (e.g. latest)
      } catch {
        // vanished meanwhile
      }
    }
  };
  walk(root, depth);
  return out.sort();
}


/** Cleans one run directory. */
export async function cleanupRun(dir: string): Promise<CleanupReport> {
  const rec = readPidRecord(dir);
  if (!rec) return { dir, killed: [], files: 0, skipped: 'unreadable pids.json' };
  if (rec.harnessIdentity && sameProcess(rec.harnessIdentity)) {
    return { dir, killed: [], files: 0, skipped: `harness ${rec.harness} is still running` };
  }
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
  for (let i = 0; i < 500 && live.some(sameProcess); i++) await sleep(20);
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
  writePidRecord(dir, { ...rec, cleanedAt: new Date().toISOString() });
  const stuck = live.filter(sameProcess).map((p) => p.pid);
  return { dir, killed: live.map((p) => p.pid), files: files.length, unmounted, ...(stuck.length ? { stillExiting: stuck } : {}) };
}

/** Cleans every run below `root`. */
export async function cleanupAll(root: string): Promise<CleanupReport[]> {
  const out: CleanupReport[] = [];
  for (const dir of findRunDirs(root)) out.push(await cleanupRun(dir));
  return out;
}

export function registerCleanupCommand(program: Command): void {
  program
    .command('cleanup')
    .description('kill node processes a killed harness left running (checked by PID and command line), remove its clock files and detach its power-loss mounts')
    .argument('[reports-dir]', 'where runs are stored', 'reports')
    .action(async (root: string) => {
      const reports = await cleanupAll(root);
      let killed = 0;
      for (const r of reports) {
        killed += r.killed.length;
        if (r.killed.length) process.stdout.write(`${r.dir}: killed ${r.killed.join(', ')}\n`);
        if (r.stillExiting) process.stdout.write(`${r.dir}: sent SIGKILL, but still exiting after 10 s: ${r.stillExiting.join(', ')}\n`);
        if (r.unmounted?.length) process.stdout.write(`${r.dir}: unmounted ${r.unmounted.join(', ')}\n`);
        if (r.skipped && !r.skipped.startsWith('old')) process.stdout.write(`${r.dir}: skipped, ${r.skipped}\n`);
      }
      process.stdout.write(`cleanup: ${reports.length} run directories checked, ${killed} processes killed\n`);
      setExitCode(0);
    });
}
