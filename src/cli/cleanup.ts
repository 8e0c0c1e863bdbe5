/**
 * `faultline cleanup [reports-dir]`: removes what a harness killed with SIGKILL left behind, whatever
 * runtime its run used. Every run directory holds a `pids.json`, the record its runtime keeps of what
 * it creates (processes with their identities, files, mounts, and the runtime's own things, such as
 * the netns runtime's namespaces, links and firewall rules), naming the runtime. Cleanup asks that
 * runtime (`Runtime.cleanup`) to remove them; runs whose harness is still alive are left alone.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { runtimes } from '../runtimes/index.js';
import { PID_FILE, readPidRecord, sameProcess, writePidRecord } from '../runtimes/pid-record.js';
import type { CleanupReport } from '../runtimes/runtime.js';
import { setExitCode } from './exit.js';

export type { CleanupReport } from '../runtimes/runtime.js';

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


/**
 * Cleans one run directory: unless its harness still runs, the runtime its pids.json names (local
 * when it names none: records from before runtimes were recorded) removes what the run left, and the
 * record is stamped as cleaned.
 */
export async function cleanupRun(dir: string): Promise<CleanupReport> {
  const rec = readPidRecord(dir);
  if (!rec) return { dir, killed: [], files: 0, skipped: 'unreadable pids.json' };
  if (rec.harnessIdentity && sameProcess(rec.harnessIdentity)) {
    return { dir, killed: [], files: 0, skipped: `harness ${rec.harness} is still running` };
  }
  const name = rec.runtime ?? 'local';
  const runtime = runtimes[name];
  if (!runtime) return { dir, killed: [], files: 0, skipped: `pids.json names runtime ${name}, which this faultline does not have (${Object.keys(runtimes).join(', ')})` };
  const report = await runtime.cleanup(dir);
  if (!report.skipped) writePidRecord(dir, { ...(readPidRecord(dir) ?? rec), cleanedAt: new Date().toISOString() });
  return report;
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
    .description('remove what a killed harness left, for whatever runtime its run used: node processes (checked by PID and command line), clock files, power-loss mounts, network namespaces, links and firewall rules, Docker containers, networks and unkept images')
    .argument('[reports-dir]', 'where runs are stored', 'reports')
    .action(async (root: string) => {
      const reports = await cleanupAll(root);
      let killed = 0;
      for (const r of reports) {
        killed += r.killed.length;
        if (r.killed.length) process.stdout.write(`${r.dir}: killed ${r.killed.join(', ')}\n`);
        if (r.stillExiting) process.stdout.write(`${r.dir}: sent SIGKILL, but still exiting after 10 s: ${r.stillExiting.join(', ')}\n`);
        if (r.unmounted?.length) process.stdout.write(`${r.dir}: unmounted ${r.unmounted.join(', ')}\n`);
        if (r.removed?.length) process.stdout.write(`${r.dir}: removed ${r.removed.join(', ')}\n`);
        if (r.skipped && !r.skipped.startsWith('old')) process.stdout.write(`${r.dir}: skipped, ${r.skipped}\n`);
      }
      process.stdout.write(`cleanup: ${reports.length} run directories checked, ${killed} processes killed\n`);
      setExitCode(0);
    });
}
