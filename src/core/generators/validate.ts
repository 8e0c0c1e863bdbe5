/**
 * Option checks shared by the combinators. Each throws a RangeError naming the function and the bad
 * value, e.g. `stagger: mean must be a positive number of seconds, got -1`.
 */

/** Throws unless `x` is a finite number > 0. */
export function positive(fn: string, what: string, x: unknown): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0) {
    throw new RangeError(`${fn}: ${what} must be a positive number${unit(what)}, got ${show(x)}`);
  }
  return x;
}

/** Throws unless `x` is a finite number >= 0. */
export function nonNegative(fn: string, what: string, x: unknown): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
    throw new RangeError(`${fn}: ${what} must be a non-negative number${unit(what)}, got ${show(x)}`);
  }
  return x;
}

/** Throws unless `x` is an integer >= min (Infinity allowed when `infinite`). */
export function integer(fn: string, what: string, x: unknown, min: number, infinite = false): number {
  if (infinite && x === Infinity) return x;
  if (typeof x !== 'number' || !Number.isInteger(x) || x < min) {
    throw new RangeError(`${fn}: ${what} must be an integer >= ${min}, got ${show(x)}`);
  }
  return x;
}

/** Throws unless `x` is a function. */
export function isFunction(fn: string, what: string, x: unknown): void {
  if (typeof x !== 'function') throw new TypeError(`${fn}: ${what} must be a function, got ${show(x)}`);
}

function unit(what: string): string {
  return /seconds|mean|dt|limit|duration/.test(what) ? ' of seconds' : '';
}

function show(x: unknown): string {
  if (typeof x === 'string') return JSON.stringify(x);
  if (typeof x === 'function') return 'a function';
  try {
    return typeof x === 'object' ? JSON.stringify(x) : String(x);
  } catch {
    return String(x);
  }
}
