/**
 * `key=value` arguments (`--checker-opt`, `--target-opt`, `--workload-opt`, …) as an object, before
 * any validation: zod-free, so `faultline check` can read them without loading zod.
 */
import { UserError } from './errors.js';

/** Splits `key=value` strings into an object; a repeated key keeps its last value. */
export function parseKeyValues(flag: string, items: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UserError(`${flag} ${JSON.stringify(item)}: expected key=value`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}
