/**
 * Progress while a test runs, for a person to follow: the phase (starting cluster, load with the time
 * left, healing, settling, final reads, stopping cluster, checking N ops), the client ops so far by
 * outcome, ops/s (the one definition, runner/throughput.ts), and the faults in force right now
 * (nemeses/fault-tracker.ts). A countdown belongs to its phase: the load's starts when the load does.
 *
 * On a TTY one line rewritten in place a few times a second and at every phase change (cut to the
 * terminal's width); otherwise a plain line at every phase change and every `plainEveryMs`.
 */
import type { Op } from '../core/op.js';
import { faultTracker } from '../../nemeses/fault-tracker.js';
import type { NemesisPackage } from '../../nemeses/nemesis.js';
import type { PhaseChange } from './phase.js';
import { loadMeter } from './throughput.js';

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
  /** Enters a phase; `detail` adds words (`3 nodes`, `593 ops`). Shown at once. */
  phase(change: PhaseChange & { detail?: string }): void;
  /** Stops updating and ends the line. */
  stop(): void;
}

export interface ProgressOptions {
  out: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  /** Seconds of load planned: the end of the load phase for ops/s. */
  timeLimit: number;
  /** The run's nemeses: their faults in force are shown (none: no faults segment). */
  nemeses?: readonly NemesisPackage[];
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
  const meter = loadMeter(o.timeLimit);
  const faults = faultTracker(o.nemeses ?? []);
  const tty = o.out.isTTY === true;
  let inflight = 0;
  let current: PhaseChange & { detail?: string; at: number } = { phase: 'starting cluster', at: Date.now() };
  let started = false;

  const line = () => {
    const parts: string[] = [];
    const elapsed = (Date.now() - current.at) / 1000;
    let head = current.phase + (current.detail ? ` ${current.detail}` : '');
    if (current.seconds !== undefined) {
      const left = Math.max(0, Math.ceil(current.seconds - elapsed));
      head += left > 0 || current.phase !== 'load' ? `  ${left} s left` : `  time up, ${inflight} op${inflight === 1 ? '' : 's'} in flight`;
    } else if (elapsed >= 1) head += `  ${Math.floor(elapsed)} s`;
    parts.push(head);
    if (started) {
      parts.push(`ops ${counts.ops} (ok ${counts.ok} fail ${counts.fail} info ${counts.info})`, `${Math.round(meter.result().opsPerSec)} ops/s`);
    }
    if (o.nemeses && o.nemeses.length > 0 && started) {
      const now = faults.active().map((f) => f.label);
      parts.push(`faults: ${now.length > 0 ? now.join(', ') : 'none'}`);
    }
    const text = parts.join('  ·  ');
    return tty && o.out.columns ? text.slice(0, o.out.columns - 1) : text;
  };
  const draw = () => o.out.write(tty ? `\r\x1b[K${line()}` : `${line()}\n`);

  let timer: NodeJS.Timeout | undefined;
  if (o.mode === 'auto') {
    timer = setInterval(draw, tty ? 250 : (o.plainEveryMs ?? 5_000));
    timer.unref();
  }
  return {
    counts,
    record(op) {
      tally(counts, op);
      meter.record(op);
      faults.record(op);
      if (op.process !== 'nemesis') inflight += op.type === 'invoke' ? 1 : -1;
    },
    phase(change) {
      current = { ...change, at: Date.now() };
      if (change.phase === 'load') started = true;
      if (timer) {
        draw();
        timer.refresh();
      }
    },
    stop() {
      if (timer) clearInterval(timer);
      if (timer && tty) o.out.write(`\r\x1b[K${line()}\n`);
      timer = undefined;
    },
  };
}
