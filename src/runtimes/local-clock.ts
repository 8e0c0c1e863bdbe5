/**
 * Per-node clock skew in the local runtime. A target with `clockSkew: 'offset-file'` reads an integer
 * number of milliseconds from `NodePlan.clockOffsetFile`; a target with `clockSkew: 'libfaketime'` is
 * started with libfaketime preloaded, reading its offset (`+1.250s`) from a timestamp file on every
 * clock read (`FAKETIME_NO_CACHE=1`), with the monotonic clock left alone
 * (`FAKETIME_DONT_FAKE_MONOTONIC=1`, else it jumps with the offset). Files are replaced atomically.
 * libfaketime leaves `/dev/shm/faketime_shm_<pid>` and `/dev/shm/sem.faketime_sem_<pid>` behind when
 * its process is killed; `shmFiles` names them so they can be removed after exit.
 */
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where Debian's libfaketime lives. */
export const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

export type ClockMode = 'offset-file' | 'libfaketime';

/** The clock file of node `name` for `mode`, under `runDir/nodes`. */
export function clockFile(runDir: string, name: string, mode: ClockMode): string {
  return join(runDir, 'nodes', mode === 'offset-file' ? `${name}.clock-offset-ms` : `${name}.faketime`);
}

/** What goes in the file for an offset of `ms`. */
export function clockFileText(mode: ClockMode, ms: number): string {
  const n = Math.round(ms);
  if (mode === 'offset-file') return `${n}\n`;
  return `${n < 0 ? '-' : '+'}${(Math.abs(n) / 1000).toFixed(3)}s\n`;
}

/** Writes node's offset atomically. */
export function writeClockFile(file: string, mode: ClockMode, ms: number): void {
  writeFileSync(`${file}.tmp`, clockFileText(mode, ms));
  renameSync(`${file}.tmp`, file);
}

/** Environment that preloads libfaketime reading `file`. */
export function faketimeEnv(file: string): Record<string, string> {
  return {
    LD_PRELOAD: LIBFAKETIME,
    FAKETIME_TIMESTAMP_FILE: file,
    FAKETIME_NO_CACHE: '1',
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
  };
}

/** True when libfaketime is installed where we look for it. */
export function hasLibfaketime(): boolean {
  return existsSync(LIBFAKETIME);
}

/** Where libfaketime keeps its per-process files. */
export const SHM_DIR = '/dev/shm/';

/** The /dev/shm files libfaketime creates for the process `pid`. */
export function shmFiles(pid: number): string[] {
  return [`${SHM_DIR}faketime_shm_${pid}`, `${SHM_DIR}sem.faketime_sem_${pid}`];
}

/** Removes files, ignoring those already gone. */
export function removeFiles(files: readonly string[]): void {
  for (const f of files) rmSync(f, { force: true });
}
