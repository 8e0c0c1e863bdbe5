/**
 * Progress while a test runs: ops done, ok/fail/info counts, ops/s and time left. On a TTY one line
 * rewritten in place a few times a second; otherwise a plain line every `plainEveryMs`.
 */
import type { Op } from '../core/op.js';

export interface OpCounts {
  ops: number;
  ok: number;
  fail: number;
  info: number;
}

export interface Progress {
  /** Feed every history record. */
  record(op: Op): void;
  readonly counts: OpCounts;
  /** Stops updating and ends the line. */
  stop(): void;
}

export interface ProgressOptions {
  out: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean };
  /** Seconds of load planned, for "time left". */
  timeLimit: number;
  /** Wall-clock start in ms (Date.now()). */
  startedAt: number;
  mode: 'auto' | 'none';
  plainEveryMs?: number;
}

/** Counts completions; `ok`, `fail`, `info` are client completions only. */
export function countOps(history: Iterable<Op>): OpCounts {
  const c: OpCounts = { ops: 0, ok: 0, fail: 0, info: 0 };
  for (const op of history) tally(c, op);
  return c;
}

function tally(c: OpCounts, op: Op): void {
  if (op.process === 'nemesis' || op.type === 'invoke') return;
  c.ops++;
  c[op.type]++;
}

/** Starts reporting progress to `o.out`. */
export function startProgress(o: ProgressOptions): Progress {
  const counts: OpCounts = { ops: 0, ok: 0, fail: 0, info: 0 };
  const tty = o.out.isTTY === true;
  const line = () => {
    const elapsed = (Date.now() - o.startedAt) / 1000;
    const left = Math.max(0, o.timeLimit - elapsed);
    const rate = elapsed > 0 ? Math.round(counts.ops / elapsed) : 0;
    return `ops ${counts.ops}  ok ${counts.ok}  fail ${counts.fail}  info ${counts.info}  ${rate} ops/s  ${left.toFixed(0)} s left`;
  };
  let timer: NodeJS.Timeout | undefined;
  if (o.mode === 'auto') {
    timer = setInterval(
      () => o.out.write(tty ? `\r\x1b[K${line()}` : `${line()}\n`),
      tty ? 250 : (o.plainEveryMs ?? 5_000),
    );
    timer.unref();
  }
  return {
    counts,
    record: (op) => tally(counts, op),
    stop() {
      if (timer) clearInterval(timer);
      if (timer && tty) o.out.write(`\r\x1b[K${line()}\n`);
      timer = undefined;
    },
  };
}
