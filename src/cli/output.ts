/**
 * Terminal output that never ends a run. When the reader of stdout or stderr goes away
 * (`faultline run | head -2`, a closed terminal, a dropped SSH session), every later write fails with
 * EPIPE or EIO, and Node reports that as an 'error' event on the stream. An 'error' event nobody
 * listens to is an uncaught exception: the harness would die mid-run without healing its faults or
 * storing results. On a pipe, Node does not even close the stream after such an error, so every
 * later write fails again.
 *
 * `guardStdio` listens for those errors on the process's stdout and stderr, so that no write can
 * crash the process; `closableOutput` wraps a stream for the run's own output (notices, progress,
 * summary) and stops writing to it after its first failed write.
 */

/** Where a command writes its output; `closed` once a write to it has failed. */
export interface Output {
  write(s: string): boolean;
  readonly isTTY: boolean;
  readonly closed: boolean;
}

/** The listener that keeps a failed write from becoming an uncaught exception. */
const ignoreWriteError = (): void => {};

/**
 * Makes write errors on `streams` (default: the process's stdout and stderr) harmless. Idempotent.
 */
export function guardStdio(streams: NodeJS.WritableStream[] = [process.stdout, process.stderr]): void {
  for (const s of streams) if (!s.listeners('error').includes(ignoreWriteError)) s.on('error', ignoreWriteError);
}

/** Wraps `stream`: writes go through until one fails, after which they are dropped. */
export function closableOutput(stream: NodeJS.WritableStream & { isTTY?: boolean }): Output {
  let closed = false;
  const close = () => {
    closed = true;
  };
  stream.on('error', close);
  return {
    get isTTY() {
      return stream.isTTY === true;
    },
    get closed() {
      return closed;
    },
    write(s) {
      if (closed) return false;
      return stream.write(s, (e) => {
        if (e) close();
      });
    },
  };
}
