/**
 * `timeLimit(seconds, g)`: g's ops until `seconds` have passed since timeLimit was first asked for an
 * op. An op scheduled at or after the cutoff is never emitted; once the clock reaches the cutoff the
 * generator is exhausted even if g is only pending (ops already in flight still complete).
 *
 * An op g schedules past the cutoff does not end the generator before the cutoff: g is only pending
 * until then. It matters when g combines several sources — with every client busy, `any(clients,
 * nemesis)` offers the nemesis's next op, which may lie past the cutoff, while the clients still have
 * ops to run before it.
 *
 * A sleep op that would outlast the cutoff is cut short to end at it: a sleeping thread is busy, and
 * what follows the time limit (a `phases` step: healing, final reads) waits for every thread to be
 * free, so a nemesis sleeping out a long interval would otherwise hold the whole test up.
 */
import { PENDING, type GenOp, type Generator } from '../generator.js';
import { gen, type GenLike } from './lift.js';
import { positive } from './validate.js';

/** Ops of `g` strictly before `seconds` (> 0) after the first request. */
export function timeLimit(seconds: number, g: GenLike): Generator {
  positive('timeLimit', 'limit', seconds);
  return bounded(Math.round(seconds * 1e9), null, gen(g));
}

/** `op`, or when it is a sleep past `end`, a sleep that ends at `end`. */
function clampSleep(op: GenOp, end: number): GenOp {
  if (op.type !== 'sleep') return op;
  const seconds = Number(op.value);
  return op.time + seconds * 1e9 > end ? { ...op, value: (end - op.time) / 1e9 } : op;
}

function bounded(dt: number, cutoff: number | null, g: Generator): Generator {
  return {
    op(test, ctx) {
      const end = cutoff ?? ctx.time + dt;
      if (ctx.time >= end) return null;
      const step = g.op(test, ctx);
      if (step === null) return null;
      if (step.op === PENDING) return { op: PENDING, gen: bounded(dt, end, step.gen) };
      if (step.op.time >= end) return { op: PENDING, gen: bounded(dt, end, g) };
      return { op: clampSleep(step.op, end), gen: bounded(dt, end, step.gen) };
    },
    update: (test, ctx, event) => bounded(dt, cutoff, g.update(test, ctx, event)),
  };
}
