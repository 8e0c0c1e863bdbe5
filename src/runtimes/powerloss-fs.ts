/**
 * Power loss at the filesystem: `powerloss-fs` (native/powerloss-fs, built from C at install time)
 * mounts a backing directory through FUSE and keeps every write that was not fsynced in memory,
 * where readers see it; on command it forgets all of them, as a machine that loses power forgets its
 * page cache. Because it works at the filesystem, it works for any binary (Go, Java, Node…).
 *
 * This module holds what is known about the helper: where it is, why this machine cannot run it
 * (one line: not built, /dev/fuse unusable, fusermount3 missing), the control file and what it
 * reports, and whether a path is mounted. powerloss-mount.ts runs one helper per mount.
 */
import { closeSync, constants, existsSync, openSync, readFileSync } from 'node:fs';
import { execaSync } from 'execa';
import { compiledPath } from '../core/paths.js';
import type { LostWrites } from './runtime.js';

/** The control file at the root of every powerloss-fs mount (invisible to readdir). */
export const CONTROL_FILE = '.faultline-powerloss';

/**
 * The helper binary: `$FAULTLINE_POWERLOSS_FS` if set, else the one `npm install` (prepare) or
 * `npm run build:native` builds into dist/native.
 */
export function powerLossHelper(): string {
  return process.env.FAULTLINE_POWERLOSS_FS || compiledPath('native/powerloss-fs');
}

/** Why power loss cannot be modelled on this machine (one line), or undefined when it can. */
export function powerLossUnavailable(helper = powerLossHelper()): string | undefined {
  if (!existsSync(helper)) {
    return `the power-loss helper ${helper} is not built (it needs fuse3, libfuse3-dev, pkg-config and a C compiler; install them, then run npm run build:native)`;
  }
  try {
    closeSync(openSync('/dev/fuse', constants.O_RDWR));
  } catch (e) {
    return `/dev/fuse cannot be opened (${(e as NodeJS.ErrnoException).code ?? String(e)}), so no FUSE filesystem can be mounted here to model power loss`;
  }
  try {
    execaSync('fusermount3', ['-V']);
  } catch {
    return 'fusermount3 is not installed (apt-get install fuse3), so power-loss mounts cannot be managed';
  }
  return undefined;
}

/** The helper's state, read from its control file. */
export interface PowerLossStatus {
  dirtyFiles: number;
  pendingWrites: number;
  pendingBytes: number;
  drops: number;
  lastDrop: LostWrites;
}

/** True while `path` is a mount point (per /proc/self/mountinfo). */
export function isMounted(path: string): boolean {
  // Field 5 is the mount point, with space, tab, newline and backslash escaped as \ooo.
  const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .some((l) => l.split(' ')[4] !== undefined && unescape(l.split(' ')[4]!) === path);
}

/** Detaches the mount at `path` at once (lazy unmount), synchronously; no-op if not mounted. */
export function unmountNow(path: string): void {
  if (!isMounted(path)) return;
  try {
    execaSync('fusermount3', ['-u', '-z', path]);
  } catch {
    // best effort: the helper's auto_unmount removes it when the helper dies
  }
}
