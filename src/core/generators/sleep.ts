/**
 * Special ops. `sleep(seconds)` emits one `type: 'sleep'` op: its thread is held busy for that long
 * without calling a worker and nothing is written to the history (combine with `phases` to pause the
 * whole test). `log(message)` emits one `type: 'log'` op, which the interpreter writes to the harness
 * log without occupying the thread.
 */
import type { Generator } from '../generator.js';
import { gen } from './lift.js';
import { nonNegative } from './validate.js';

/** One sleep op of `seconds` (>= 0) on the first free thread. */
export function sleep(seconds: number): Generator {
  nonNegative('sleep', 'duration', seconds);
  return gen({ type: 'sleep', f: 'sleep', value: seconds });
}

/** One log op carrying `message`. */
export function log(message: string): Generator {
  if (typeof message !== 'string') throw new TypeError(`log: message must be a string, got ${String(message)}`);
  return gen({ type: 'log', f: 'log', value: message });
}
