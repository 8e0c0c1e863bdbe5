/**
 * A checker whose implementation is loaded when it first checks. The registry (`index.ts`) holds every
 * checker's metadata — name, models, ops, options — but `faultline check` runs one checker, so each
 * entry's `create` hands back a lazy checker: the engine behind it (porcupine, elle, causal, eventual)
 * is imported only by the checker that runs, and a command starts without loading the others.
 */
import type { Checker } from '../core/checker.js';

/**
 * A checker that imports its implementation on its first `check` (`load` resolves to the real
 * checker) and then delegates to it. `load` runs at most once.
 */
export function lazyChecker(load: () => Promise<Checker>): Checker {
  let loaded: Promise<Checker> | undefined;
  return {
    async check(test, history, opts) {
      loaded ??= load();
      return (await loaded).check(test, history, opts);
    },
  };
}
