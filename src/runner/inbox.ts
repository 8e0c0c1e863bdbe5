/**
 * The interpreter's inbox: events (completions, ends of sleeps) arrive from worker promises and
 * timers in any order; the interpreter loop takes them in arrival order. Waiting is one promise, which
 * the next event, a `wake()` (e.g. abort) or an optional deadline resolves — with a single clock
 * timer, cancelled as soon as the wait ends, and no timer at all when there is no deadline.
 */
import type { Clock } from './clock.js';

/** A queue of events plus one wake-up promise. */
export interface Inbox<E> {
  /** Queues an event and wakes the waiter. */
  push(event: E): void;
  /** True when an event is queued. */
  readonly pending: boolean;
  /** Calls `take` on every queued event, in arrival order (events pushed meanwhile included). */
  drain(take: (event: E) => void): void;
  /** Wakes the waiter without an event. */
  wake(): void;
  /** Resolves at the next event, `wake()`, or once `clock.now() >= until`; at once if events are queued. */
  wait(until?: number): Promise<void>;
}

/** An empty inbox whose deadlines are measured on `clock`. */
export function inbox<E>(clock: Clock): Inbox<E> {
  let queue: E[] = [];
  let head = 0;
  let waiter: (() => void) | null = null;
  const wake = () => {
    const w = waiter;
    waiter = null;
    w?.();
  };
  return {
    push(event) {
      queue.push(event);
      wake();
    },
    get pending() {
      return head < queue.length;
    },
    drain(take) {
      while (head < queue.length) take(queue[head++]!);
      queue = [];
      head = 0;
    },
    wake,
    async wait(until) {
      if (head < queue.length) return;
      const woken = new Promise<void>((r) => (waiter = r));
      if (until === undefined) return woken;
      const timer = new AbortController();
      void clock.sleepUntil(until, timer.signal).then(() => timer.signal.aborted || wake());
      await woken;
      timer.abort();
    },
  };
}
