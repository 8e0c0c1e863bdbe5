/**
 * A command channel to one host: a single remote `sh` kept open over ssh, to which each command is
 * written as one line and from which its result comes back as one framed line
 * (`@@FL <id> <exit code> <stdout base64> <stderr base64>`). Commands to one host run one at a time.
 *
 * Why not one `ssh host cmd` per command, multiplexed: sshd runs every command through the login
 * user's shell, which reads its startup files each time (bash sources ~/.bashrc under sshd), and on
 * some hosts that alone takes seconds; a fault that must land within milliseconds (a pause, a clock
 * strobe, a partition) cannot wait for it. The channel pays that once per host and run. Each command
 * runs in its own `sh -c` (its text quoted as one word, so a mistake in it cannot derail the channel),
 * with its stdin from /dev/null or from the given input, never from the channel.
 */
import { execa, type ResultPromise } from 'execa';
import { shellQuote } from './ssh-quote.js';

const MARK = '@@FL ';

/** The result of one command. */
export interface ShellResult {
  code: number;
  stdout: string;
  stderr: string;
}

interface Pending {
  id: number;
  resolve(r: ShellResult): void;
  reject(e: Error): void;
}

/** A remote `sh` over one ssh process; `argv` is the ssh command line whose remote command is a shell reading stdin. */
export class ShellChannel {
  private proc?: ResultPromise<{ stdin: 'pipe'; stdout: 'pipe'; stderr: 'pipe'; buffer: false; reject: false }>;
  private pending?: Pending;
  private next = 0;
  private tail = Promise.resolve();
  private closed = false;

  constructor(
    private readonly argv: readonly string[],
    private readonly label: string,
  ) {}

  private open(): NonNullable<ShellChannel['proc']> {
    const p = execa('ssh', [...this.argv, 'exec sh'], { stdin: 'pipe', stdout: 'pipe', stderr: 'pipe', buffer: false, reject: false });
    let out = '';
    let err = '';
    p.stdout.setEncoding('utf8');
    p.stdout.on('data', (chunk: string) => {
      out += chunk;
      for (let nl = out.indexOf('\n'); nl >= 0; nl = out.indexOf('\n')) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        if (line.startsWith(MARK)) this.settle(line.slice(MARK.length).split(' '));
      }
    });
    p.stderr.setEncoding('utf8');
    p.stderr.on('data', (chunk: string) => void (err = (err + chunk).slice(-2000)));
    p.stdin.on('error', () => undefined); // a dead channel is reported through its exit
    void p.then(() => {
      if (this.proc === p) this.proc = undefined;
      const why = err.trim().split('\n').filter(Boolean).at(-1) ?? 'connection closed';
      this.pending?.reject(new Error(`ssh ${this.label}: ${why}`));
      this.pending = undefined;
    });
    p.stdin.write(`o=$(mktemp) e=$(mktemp) && trap 'rm -f "$o" "$e"' EXIT\n`);
    return p;
  }

  private settle(f: string[]): void {
    const p = this.pending;
    if (!p || Number(f[0]) !== p.id) return;
    this.pending = undefined;
    const text = (b: string | undefined) => Buffer.from(b ?? '', 'base64').toString('utf8');
    p.resolve({ code: Number(f[1]), stdout: text(f[2]), stderr: text(f[3]) });
  }

  /** Runs `script` in its own `sh -c` on the host, `input` on its stdin; resolves with its result whatever its exit code. */
  exec(script: string, input?: string | Buffer): Promise<ShellResult> {
    const run = async (): Promise<ShellResult> => {
      if (this.closed) throw new Error(`ssh ${this.label}: channel closed`);
      this.proc ??= this.open();
      const id = this.next++;
      const report = `printf '\\n${MARK}%s %s %s %s\\n' ${id} $? "$(base64 -w0 <"$o")" "$(base64 -w0 <"$e")"`;
      const cmd = (stdin: string) => `sh -c ${shellQuote(script)} ${stdin}>"$o" 2>"$e"; ${report}\n`;
      const line =
        input === undefined
          ? cmd('</dev/null ')
          : `base64 -d <<'@@FLIN' | ${cmd('')}${Buffer.from(input).toString('base64').replace(/.{1,76}/g, '$&\n')}@@FLIN\n`;
      return new Promise<ShellResult>((resolve, reject) => {
        this.pending = { id, resolve, reject };
        this.proc!.stdin.write(line);
      });
    };
    const r = this.tail.then(run, run);
    this.tail = r.then(
      () => undefined,
      () => undefined,
    );
    return r;
  }

  /** Ends the remote shell; never throws. */
  async close(): Promise<void> {
    this.closed = true;
    await this.tail;
    const p = this.proc;
    this.proc = undefined;
    if (!p) return;
    p.stdin.end();
    const timer = setTimeout(() => p.kill('SIGKILL'), 3_000);
    await p;
    clearTimeout(timer);
  }
}
