/**
 * One powerloss-fs mount (see powerloss-fs.ts): the helper process serving `mountpoint` from
 * `backing`, its output appended to a log file. `drop` is the power loss itself: every write to the
 * mount that was not fsynced is forgotten (with `tornSeed`, a strict prefix of each file's last
 * unsynced write survives); the caller must have killed every process using the mount first, since
 * a process that lives through a power loss is not one. `unmount` is a clean shutdown: the helper
 * writes everything back and exits.
 */
import { mkdirSync, realpathSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { startNodeProcess, tailLog, type NodeProcess } from './node-process.js';
import { CONTROL_FILE, isMounted, powerLossHelper, unmountNow, type PowerLossStatus } from './powerloss-fs.js';
import type { LostWrites } from './runtime.js';

const MOUNT_TIMEOUT_MS = 20_000;
const EXIT_GRACE_MS = 5_000;

export class PowerLossMount {
  private constructor(
    readonly backing: string,
    readonly mountpoint: string,
    private readonly proc: NodeProcess,
  ) {}

  /** Starts the helper and resolves once the mount is live; throws a one-line error otherwise. */
  static async mount(backing: string, mountpoint: string, logFile: string): Promise<PowerLossMount> {
    mkdirSync(backing, { recursive: true });
    mkdirSync(mountpoint, { recursive: true });
    const mp = realpathSync(mountpoint);
    const proc = startNodeProcess({ command: powerLossHelper(), args: [realpathSync(backing), mp] }, logFile);
    const m = new PowerLossMount(backing, mp, proc);
    for (let waited = 0; !isMounted(mp); waited += 20) {
      if (!proc.running || waited >= MOUNT_TIMEOUT_MS) {
        await m.unmount();
        throw new Error(`powerloss-fs did not mount ${mp} (${proc.running ? 'timed out' : 'exited'}); last lines of ${logFile}:\n${tailLog(logFile)}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    return m;
  }

  /** The helper's PID. */
  get pid(): number | undefined {
    return this.proc.pid;
  }

  /** True while the helper runs. */
  get running(): boolean {
    return this.proc.running;
  }

  private async command(cmd: string): Promise<void> {
    // Never write the control file into the bare directory under a mount that is gone.
    if (!this.proc.running || !isMounted(this.mountpoint)) throw new Error(`powerloss-fs is no longer mounted on ${this.mountpoint}`);
    await writeFile(join(this.mountpoint, CONTROL_FILE), `${cmd}\n`);
  }

  /** What is pending now and what the last power loss forgot. */
  async status(): Promise<PowerLossStatus> {
    return JSON.parse(await readFile(join(this.mountpoint, CONTROL_FILE), 'utf8')) as PowerLossStatus;
  }

  /**
   * Forgets every unsynced write; with `tornSeed` (a positive integer) keeps a strict prefix of each
   * file's last unsynced write, its length drawn from the seed. Resolves with what was forgotten.
   */
  async drop(tornSeed?: number): Promise<LostWrites> {
    if (tornSeed !== undefined && !(Number.isSafeInteger(tornSeed) && tornSeed > 0)) {
      throw new RangeError(`PowerLossMount.drop: tornSeed must be a positive integer, got ${tornSeed}`);
    }
    await this.command(tornSeed === undefined ? 'drop' : `drop-torn ${tornSeed}`);
    return (await this.status()).lastDrop;
  }

  /** Persists every pending write (what a clean shutdown would do). */
  async sync(): Promise<void> {
    await this.command('sync');
  }

  /**
   * Clean shutdown: unmounts (the helper writes everything back, then exits). If the mount is busy
   * or the helper hangs, detaches the mount and SIGKILLs the helper. Safe to call twice; never throws.
   */
  async unmount(): Promise<void> {
    if (this.proc.running) {
      if (!isMounted(this.mountpoint)) this.proc.signal('SIGTERM'); // never mounted: nothing to write back
      else if ((await execa('fusermount3', ['-u', this.mountpoint], { reject: false })).failed) this.killNow(); // busy
      // After `fusermount3 -u` the helper writes back and exits by itself: a signal now could cut that short.
      const timer = setTimeout(() => this.killNow(), EXIT_GRACE_MS);
      await this.proc.exited;
      clearTimeout(timer);
    }
    unmountNow(this.mountpoint);
  }

  /** Synchronous last resort: kill the helper and detach the mount (pending writes are lost). */
  killNow(): void {
    this.proc.signal('SIGKILL');
    unmountNow(this.mountpoint);
  }
}
