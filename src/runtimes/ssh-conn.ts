/**
 * Reaching one host of the ssh runtime: the system `ssh` client, run through execa, with connection
 * multiplexing (one master connection per host and run: `ControlMaster=auto`, a `ControlPath` in a
 * directory of the run's own, `ControlPersist`), so each command after the first costs a round trip,
 * not a handshake.
 *
 * Why the system client rather than an npm SSH library: the user's own ssh setup just works — their
 * ~/.ssh/config (host aliases, users, ports, `ProxyJump` jump hosts), their agent and keys, their
 * known_hosts and its policy — as it does for their own `ssh` commands, and no native dependency is
 * needed. A library would have to re-implement each of these, and differ from `ssh` where it did not.
 *
 * Every remote command is built from quoted words (ssh-quote.ts) and run by the remote `sh`, whatever
 * the login shell; `BatchMode` makes ssh fail instead of asking for a password.
 */
import { execa, type ResultPromise } from 'execa';
import { shellCommand, shellQuote } from './ssh-quote.js';
import { ShellChannel } from './ssh-shell.js';
import type { SshOptions, SshTarget } from './ssh-options.js';

/** How long a master connection outlives its last use. */
const CONTROL_PERSIST_S = 30;

/** The ssh client options for `o`, with connections multiplexed through sockets in `controlDir`. */
export function sshClientArgs(o: Omit<SshOptions, 'hosts'>, controlDir: string): string[] {
  const args = ['-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', '-o', 'ServerAliveInterval=5', '-o', 'ServerAliveCountMax=3'];
  args.push('-o', 'ControlMaster=auto', '-o', `ControlPath=${controlDir}/%C`, '-o', `ControlPersist=${CONTROL_PERSIST_S}`);
  args.push('-o', `StrictHostKeyChecking=${o['known-hosts'] === 'strict' ? 'yes' : 'accept-new'}`);
  if (o['known-hosts-file']) args.push('-o', `UserKnownHostsFile=${o['known-hosts-file']}`);
  if (o.config) args.push('-F', o.config);
  if (o.identity) args.push('-i', o.identity, '-o', 'IdentitiesOnly=yes');
  return args;
}

/** One host, reached with the system ssh client: short commands through its command channel (ssh-shell.ts). */
export class SshHost {
  private readonly channel: ShellChannel;

  constructor(
    readonly target: SshTarget,
    private readonly clientArgs: readonly string[],
    private readonly defaultUser?: string,
  ) {
    this.channel = new ShellChannel(this.argv(), this.label);
  }

  /** `[user@]host[:port]`, for messages. */
  get label(): string {
    const user = this.target.user ?? this.defaultUser;
    return `${user ? `${user}@` : ''}${this.target.host}${this.target.port ? `:${this.target.port}` : ''}`;
  }

  /** The ssh command line up to the host; `remote` is the command to run there, if any. */
  private argv(remote?: string): string[] {
    const user = this.target.user ?? this.defaultUser;
    return [...this.clientArgs, ...(user ? ['-l', user] : []), ...(this.target.port ? ['-p', String(this.target.port)] : []), this.target.host, ...(remote === undefined ? [] : [remote])];
  }

  /** Runs the POSIX shell `script` on the host (with `input` on its stdin); resolves with its stdout, rejects in one line. */
  async sh(script: string, input?: string | Buffer): Promise<string> {
    const r = await this.channel.exec(script, input);
    if (r.code !== 0) {
      const why = r.stderr.trim().split('\n').filter(Boolean).at(-1) ?? `exit ${r.code}`;
      throw new Error(`ssh ${this.label}: ${script.split('\n')[0]!.slice(0, 80)}: ${why}`);
    }
    return r.stdout;
  }

  /** Runs the POSIX shell `script` on the host; resolves with its exit code and output whatever the code. */
  try(script: string): ReturnType<ShellChannel['exec']> {
    return this.channel.exec(script);
  }

  /** Runs `argv` on the host (each word quoted); resolves with its stdout. */
  run(argv: readonly string[], input?: string | Buffer): Promise<string> {
    return this.sh(shellCommand(argv), input);
  }

  /** Starts the shell `script` on the host with its stdout written to the local descriptor `fd`; resolves when it ends. */
  spawnInto(script: string, fd: number): ResultPromise {
    // execa hands a descriptor number straight to spawn (any number at run time; its types name 3–9 only).
    return execa('ssh', this.argv(`sh -c ${shellQuote(script)}`), { stdin: 'ignore', stdout: fd as 3, stderr: 'ignore', reject: false });
  }

  /** Pipes the stdout of `producer` into `script` on the host; rejects in one line if either fails. */
  async pipeFrom(producer: ResultPromise, script: string): Promise<void> {
    const r = await producer.pipe('ssh', this.argv(`sh -c ${shellQuote(script)}`), { reject: false });
    if (r.exitCode !== 0) throw new Error(`ssh ${this.label}: ${String(r.stderr).trim().split('\n').at(-1) ?? `exit ${r.exitCode}`}`);
  }

  /** Ends the command channel and the master connection (its socket goes with it); never throws. */
  async close(): Promise<void> {
    await this.channel.close();
    const [host, ...before] = this.argv().reverse();
    await execa('ssh', [...before.reverse(), '-O', 'exit', host!], { reject: false, stdin: 'ignore' });
  }
}
