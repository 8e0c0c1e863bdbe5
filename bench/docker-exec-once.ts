/**
 * One command inside a running container through the engine API, an exec of its own (`docker exec`):
 * the exec is created, started with its streams hijacked (stdin written and closed when there is
 * input, stdout and stderr demultiplexed), and its exit code read from the exec's inspection once the
 * streams end. Three engine requests per command; the docker runtime keeps a shell open instead
 * (src/runtimes/docker-shell.ts), and docker-fault-exec.ts measures both.
 */
import type Docker from 'dockerode';

/** Polls for an exec's exit code after its streams ended (the engine may still be reaping it). */
async function exitCode(ex: Docker.Exec): Promise<number> {
  for (let i = 0; ; i++) {
    const info = await ex.inspect();
    if (!info.Running && info.ExitCode !== null && info.ExitCode !== undefined) return info.ExitCode;
    if (i >= 200) throw new Error('exec still running after its streams ended');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Runs `cmd` in `container` (which must be running), `input` on its stdin; resolves with its stdout,
 * rejects with its stderr's first lines when it exits non-zero.
 */
export async function execIn(d: Docker, container: Docker.Container, cmd: readonly string[], input?: string): Promise<string> {
  const ex = await container.exec({ Cmd: [...cmd], AttachStdin: input !== undefined, AttachStdout: true, AttachStderr: true });
  const stream = await ex.start({ hijack: true, stdin: input !== undefined });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const sink = (into: Buffer[]) => ({ write: (b: Buffer) => (into.push(b), true) }) as unknown as NodeJS.WritableStream;
  d.modem.demuxStream(stream, sink(out), sink(err));
  const ended = new Promise<void>((res, rej) => {
    stream.on('end', res);
    stream.on('close', res);
    stream.on('error', rej);
  });
  if (input !== undefined) stream.end(input);
  await ended;
  const code = await exitCode(ex);
  if (code !== 0) {
    const why = Buffer.concat(err).toString().trim().split('\n').slice(0, 3).join('; ');
    throw new Error(`${cmd.join(' ')} in container ${container.id} exited with code ${code}: ${why}`);
  }
  return Buffer.concat(out).toString();
}
