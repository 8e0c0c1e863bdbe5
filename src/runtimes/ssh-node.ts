/**
 * One node's process on its ssh host (the scripts are ssh-scripts.ts): started detached, its output
 * followed from the remote log into the run's local `nodes/<name>.log` by a `tail --pid` over ssh
 * that ends when the node's wrapper does — which is also how the harness learns the node exited; the
 * exit status is then read from the wrapper's exit file. Signals go by PID, checked against the start
 * time first. An exit the harness did not ask for (no kill or stop before it) is reported with the
 * tail of the local log.
 */
import { closeSync, openSync } from 'node:fs';
import { constants } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ResultPromise } from 'execa';
import type { SshHost } from './ssh-conn.js';
import { exitStatusScript, followLogScript, parseStarted, signalScript, startScript, type RemoteNodePaths, type RemoteProc } from './ssh-scripts.js';

/** An exit: the code, or the signal that ended it. */
export type RemoteExit = { code?: number; signal?: string };

/** Reads a wrapper's status (128+n for signal n). */
export function exitOf(status: number): RemoteExit {
  if (status <= 128) return { code: status };
  const name = Object.entries(constants.signals).find(([, n]) => n === status - 128)?.[0];
  return name ? { signal: name } : { code: status };
}

export class RemoteNode {
  private procs?: { wrapper: RemoteProc; node: RemoteProc };
  private follower?: ResultPromise;
  private askedToEnd = false;
  private closing = false;
  /** Counts starts: the watch of an earlier start stands down once a later one has begun. */
  private generation = 0;
  /** Resolves once the current process has exited (and its log is copied). */
  exited: Promise<void> = Promise.resolve();
  running = false;
  exit?: RemoteExit;

  constructor(
    readonly name: string,
    readonly host: SshHost,
    readonly paths: RemoteNodePaths,
    private readonly localLog: string,
    private readonly onUnexpectedExit: (exit: RemoteExit) => void,
  ) {}

  /** Starts the node; `record` hears of its processes as soon as they are known. */
  async start(argv: readonly string[], env: Readonly<Record<string, string>>, record: (p: { wrapper: RemoteProc; node: RemoteProc }) => void): Promise<RemoteProc> {
    const started = parseStarted(await this.host.sh(startScript(this.paths, argv, env)));
    this.procs = { wrapper: started.wrapper, node: started.node };
    record(this.procs);
    const generation = ++this.generation;
    this.running = true;
    this.askedToEnd = false;
    this.exit = undefined;
    const log = openSync(this.localLog, 'a');
    try {
      this.follower = this.host.spawnInto(followLogScript(this.paths, started.logOffset, started.wrapper.pid), log);
    } finally {
      closeSync(log);
    }
    this.exited = this.watch(this.follower, generation);
    return started.node;
  }

  /** Waits for the follower to end, then for the exit status; reports an exit nobody asked for. */
  private async watch(follower: ResultPromise, generation: number): Promise<void> {
    await follower;
    const current = () => generation === this.generation && !this.closing;
    let status = '';
    for (let i = 0; current() && (status = (await this.host.try(exitStatusScript(this.paths)).catch(() => ({ stdout: '' }))).stdout.trim()) === ''; i++) {
      await sleep(Math.min(500, 50 * (i + 1)));
    }
    if (generation !== this.generation) return;
    this.running = false;
    this.exit = status === '' ? {} : exitOf(Number(status));
    if (!this.askedToEnd && !this.closing) this.onUnexpectedExit(this.exit);
  }

  /**
   * Sends signals (by PID, while it is still the node started); with `end`, the node is expected to
   * exit, and this resolves once it is gone (SIGKILLed after `graceS` seconds if need be). Its log
   * follower may still be copying the last lines then (`exited` resolves after it).
   */
  async signal(signals: readonly string[], end?: { graceS: number }): Promise<void> {
    if (!this.procs || !this.running) return;
    if (end) this.askedToEnd = true;
    await this.host.sh(signalScript(this.procs.node, signals, end ? { exit: this.paths.exit, graceS: end.graceS } : undefined));
    if (end) this.running = false;
  }

  /** Stops following the log (teardown, after the node is stopped). */
  async close(): Promise<void> {
    this.closing = true;
    this.follower?.kill('SIGTERM');
    await this.exited;
  }
}
