/**
 * `<run>/pids.json`: what a run started, so that `faultline cleanup` can remove what a SIGKILLed
 * harness left behind; it names the runtime that keeps it, and a runtime may add its own fields. For each process it records the PID with the command line and start time the
 * kernel reported right after the start (`/proc/<pid>/cmdline`, field 22 of `/proc/<pid>/stat`), so
 * that cleanup kills a PID only while it is still the very process the harness started. It also
 * lists the files to remove afterwards (clock offset files, libfaketime's /dev/shm files) and the
 * powerloss-fs mounts to detach.
 *
 * `harness` and `nodes` stay plain numbers (every PID ever started) for simple readers.
 */
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { DockerRecord } from './docker-record.js';
import type { ExternalRecord } from './external-state.js';
import type { NetnsRecord } from './netns-net.js';
import type { SshRecord } from './ssh-record.js';

/** The identity of one live process. */
export interface ProcIdentity {
  pid: number;
  /** argv joined by spaces, as /proc reports it. */
  cmdline: string;
  /** Start time in clock ticks since boot (from /proc/<pid>/stat). */
  startTicks: number;
}

export interface PidRecord {
  /** The runtime that keeps this record, and that `faultline cleanup` asks to clean up (absent: local). */
  runtime?: string;
  harness: number;
  harnessIdentity?: ProcIdentity;
  nodes: number[];
  procs: Array<ProcIdentity & { name: string }>;
  /** Files to remove once the processes are gone. */
  files: string[];
  /** powerloss-fs mount points to detach once the processes are gone. */
  mounts?: string[];
  /** The netns runtime's namespaces, links and firewall rule (netns-net.ts). */
  netns?: NetnsRecord;
  /** The external runtime's cluster file and the faults in force on it (external-state.ts). */
  external?: ExternalRecord;
  /** The ssh runtime's remote processes, directories and firewall chains (ssh-record.ts). */
  ssh?: SshRecord;
  /** The docker runtime's containers, network and image (docker-record.ts). */
  docker?: DockerRecord;
  /** Set by `faultline cleanup` once it has run here. */
  cleanedAt?: string;
}

export const PID_FILE = 'pids.json';

/** The identity of `pid` now, or undefined if there is no such process (or no /proc). */
export function procIdentity(pid: number): ProcIdentity | undefined {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z') return undefined;
    return { pid, cmdline, startTicks: Number(fields[19]) };
  } catch {
    return undefined;
  }
}

/** True while `id.pid` is still the process `id` describes. */
export function sameProcess(id: ProcIdentity): boolean {
  const now = procIdentity(id.pid);
  return now !== undefined && now.cmdline === id.cmdline && now.startTicks === id.startTicks;
}

/**
 * True once `id.pid` no longer runs as the process `id` describes: no such PID, a zombie, or a PID
 * reused by a process started at another time. Unlike `sameProcess` this ignores the command line: a
 * process that is exiting has already lost it (/proc/<pid>/cmdline reads empty once its memory is
 * released) while it still runs and holds its files and ports.
 */
export function processGone(id: ProcIdentity): boolean {
  const now = procIdentity(id.pid);
  return now === undefined || now.startTicks !== id.startTicks;
}

/** Writes the record atomically (a reader never sees half a file). */
export function writePidRecord(runDir: string, rec: PidRecord): void {
  const file = join(runDir, PID_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(rec) + '\n');
  renameSync(`${file}.tmp`, file);
}

/** Reads a run's record; undefined when missing or unreadable. Old records (numbers only) get empty lists. */
export function readPidRecord(runDir: string): PidRecord | undefined {
  try {
    const r = JSON.parse(readFileSync(join(runDir, PID_FILE), 'utf8')) as Partial<PidRecord>;
    if (typeof r.harness !== 'number') return undefined;
    return { ...r, harness: r.harness, nodes: r.nodes ?? [], procs: r.procs ?? [], files: r.files ?? [], mounts: r.mounts ?? [] };
  } catch {
    return undefined;
  }
}
