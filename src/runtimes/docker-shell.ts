/**
 * A shell kept running in a container through one exec of the engine API (`docker exec -i`, its
 * streams hijacked), taking one command line at a time and answering each with its exit status. One
 * exec costs three engine requests (create, start, inspect), a few hundred milliseconds on a busy
 * engine; a line on an open shell costs a round trip. For what must be quick and frequent, such as
 * the clock strobe's offset flips (docker-clock.ts). Lines must be built from trusted values only
 * (quote them with `shellCommand`).
 */
import type Docker from 'dockerode';
import type { Duplex } from 'node:stream';

const DONE = '__faultline_done';
/** Ends a command's stdout (with its exit status) and, on stderr, its stderr. */
const MARK = new RegExp(`\n${DONE} (\\d+)\n`);
const ERR_MARK = `\n${DONE}\n`;
const EOF = '__faultline_eof';

interface Pending {
  line: string;
  resolve: (out: string) => void;
  reject: (e: Error) => void;
  out?: { status: string; text: string };
  err?: string;
}

/** An open shell in a container. */
export class ContainerShell {
  private pending: Pending[] = [];
  private out = '';
  private err = '';
  private closed?: Error;

  private constructor(private readonly stream: Duplex) {}

  /** Opens `sh` (its path in the container) in `container`, which must be running. */
  static async open(d: Docker, container: Docker.Container, sh: string): Promise<ContainerShell> {
    const ex = await container.exec({ Cmd: [sh], AttachStdin: true, AttachStdout: true, AttachStderr: true });
    const stream = await ex.start({ hijack: true, stdin: true });
    const shell = new ContainerShell(stream);
    const sink = (f: (s: string) => void) => ({ write: (b: Buffer) => (f(b.toString()), true) }) as unknown as NodeJS.WritableStream;
    d.modem.demuxStream(stream, sink((s) => shell.onOut(s)), sink((s) => shell.onErr(s)));
    const end = (e?: Error) => shell.fail(e ?? new Error(`the shell in container ${container.id} ended`));
    stream.on('end', () => end());
    stream.on('close', () => end());
    stream.on('error', end);
    return shell;
  }

  /** A command's stdout ends with a line `\n<DONE> <status>\n`: what comes before it is its stdout. */
  private onOut(s: string): void {
    this.out += s;
    for (let m = MARK.exec(this.out); m; m = MARK.exec(this.out)) {
      const p = this.pending.find((x) => !x.out);
      if (p) p.out = { status: m[1]!, text: this.out.slice(0, m.index) };
      this.out = this.out.slice(m.index + m[0].length);
    }
    this.settle();
  }

  /** A command's stderr ends with a line `\n<DONE>\n` (the two streams arrive independently). */
  private onErr(s: string): void {
    this.err += s;
    for (let i = this.err.indexOf(ERR_MARK); i >= 0; i = this.err.indexOf(ERR_MARK)) {
      const p = this.pending.find((x) => x.err === undefined);
      if (p) p.err = this.err.slice(0, i);
      this.err = this.err.slice(i + ERR_MARK.length);
    }
    this.settle();
  }

  /** Answers the commands at the front whose stdout and stderr have both ended. */
  private settle(): void {
    while (this.pending[0]?.out && this.pending[0].err !== undefined) {
      const p = this.pending.shift()!;
      if (p.out!.status === '0') p.resolve(p.out!.text);
      else p.reject(new Error(`${p.line.split('\n')[0]} exited with code ${p.out!.status}: ${p.err!.trim().split('\n').slice(-2).join('; ')}`));
    }
  }

  private fail(e: Error): void {
    this.closed ??= e;
    for (const p of this.pending.splice(0)) p.reject(e);
  }

  /**
   * Runs `line` (`input`, if given, on its stdin as a here-document); resolves with its stdout when
   * it exited 0, rejects with its stderr otherwise.
   */
  run(line: string, input?: string): Promise<string> {
    if (this.closed) return Promise.reject(this.closed);
    if (input !== undefined && input.split('\n').includes(EOF)) throw new Error(`input holds the here-document end ${EOF}`);
    // The line is a group, so the redirection covers all of it. Without input, stdin is /dev/null: a
    // command reading it would take the shell's next lines.
    const text = input === undefined ? `{ ${line}\n} </dev/null\n` : `{ ${line}\n} <<'${EOF}'\n${input}${input.endsWith('\n') || input === '' ? '' : '\n'}${EOF}\n`;
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject, line });
      this.stream.write(`${text}printf '\\n%s %s\\n' ${DONE} $?; printf '\\n%s\\n' ${DONE} >&2\n`);
    });
  }
}

/** One shell per key (a node's holder), opened on its first use. */
export function shellPool(open: (key: string) => Promise<ContainerShell>): (key: string) => Promise<ContainerShell> {
  const shells = new Map<string, Promise<ContainerShell>>();
  return (key) => {
    let s = shells.get(key);
    if (!s) shells.set(key, (s = open(key)));
    return s;
  };
}
