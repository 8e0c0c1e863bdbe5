/**
 * Clocks for the interpreter. Time is nanoseconds since the clock was created, from a monotonic
 * source, as history records require. `sleepUntil` lets the interpreter wait for a scheduled op time
 * with one timer, cancelled through an AbortSignal when something else wakes it first.
 */

/** A monotonic clock in nanoseconds since the test started. */
export interface Clock {
  /** Nanoseconds since the start. */
  now(): number;
  /** Resolves once `now() >= ns`, or as soon as `signal` is aborted (never rejects). */
  sleepUntil(ns: number, signal?: AbortSignal): Promise<void>;
}

/** The real monotonic clock (process.hrtime.bigint), 0 at creation. */
export function realClock(): Clock {
  const t0 = process.hrtime.bigint();
  const now = () => Number(process.hrtime.bigint() - t0);
  return {
    now,
    sleepUntil(ns, signal) {
      return new Promise<void>((resolve) => {
        if (signal?.aborted || now() >= ns) return resolve();
        let timer: NodeJS.Timeout;
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        // Timers have millisecond resolution and may fire a hair early: re-arm until really due.
        const arm = () => {
          const left = ns - now();
          if (left <= 0) return done();
          timer = setTimeout(arm, Math.max(1, Math.ceil(left / 1e6)));
        };
        signal?.addEventListener('abort', done, { once: true });
        arm();
      });
    },
  };
}
