/**
 * The CI flags of `faultline run`, validated before anything starts (a bad value is a one-line
 * UserError naming the flag, exit 254): `--test-count`, the thresholds (`--max-p99-ms`,
 * `--min-availability`, `--min-throughput`), `--junit FILE` (its directory is created, once everything
 * else has been checked, if needed) and `--json`.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserError } from '../core/errors.js';
import type { Thresholds } from '../runner/gates.js';
import { numberFlag } from './flags.js';

/** The raw CI flags, as commander hands them over. */
export interface RawGateFlags {
  testCount: string;
  maxP99Ms?: string;
  minAvailability?: string;
  minThroughput?: string;
  junit?: string;
  json?: boolean;
}

/** The CI flags, validated. */
export interface GateFlags {
  testCount: number;
  thresholds: Thresholds;
  /** Absolute path of the JUnit file to write. */
  junit?: string;
  json: boolean;
}

/** The largest seed (`--seed` is a 31-bit integer). */
export const MAX_SEED = 2 ** 31 - 1;

/** The absolute path of `file`, refused when it names nothing or a directory. */
function junitPath(file: string): string {
  if (file.trim() === '') throw new UserError('--junit: expected a file name, got nothing');
  const path = resolve(file);
  if (existsSync(path) && statSync(path).isDirectory()) throw new UserError(`--junit ${file}: is a directory; expected a file name`);
  return path;
}

/** Creates the directory of the `--junit` file if missing (once every flag has been checked). */
export function prepareJunit(g: GateFlags): void {
  if (g.junit === undefined) return;
  try {
    mkdirSync(dirname(g.junit), { recursive: true });
  } catch (e) {
    throw new UserError(`--junit ${g.junit}: cannot create its directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** Validates the CI flags. */
export function gateFlags(f: RawGateFlags): GateFlags {
  const thresholds: Thresholds = {};
  if (f.maxP99Ms !== undefined) thresholds.maxP99Ms = numberFlag('--max-p99-ms', f.maxP99Ms, { min: 0 });
  if (f.minAvailability !== undefined) thresholds.minAvailability = numberFlag('--min-availability', f.minAvailability, { min: 0, max: 1 });
  if (f.minThroughput !== undefined) thresholds.minThroughput = numberFlag('--min-throughput', f.minThroughput, { min: 0 });
  return {
    testCount: numberFlag('--test-count', f.testCount, { int: true, min: 1, max: 10_000 }),
    thresholds,
    ...(f.junit !== undefined ? { junit: junitPath(f.junit) } : {}),
    json: f.json === true,
  };
}

/** Refuses flags that cannot go together with these run options. */
export function checkGateFlags(g: GateFlags, o: { seed: number; nemesis: readonly string[] }): void {
  const last = o.seed + g.testCount - 1;
  if (last > MAX_SEED) {
    throw new UserError(`--test-count ${g.testCount}: the seeds ${o.seed}..${last} pass the largest seed ${MAX_SEED}; give a smaller --seed`);
  }
  if (g.thresholds.minAvailability !== undefined && o.nemesis.every((n) => n === 'none')) {
    throw new UserError('--min-availability bounds the ok fraction of ops while faults are active, and this run injects no faults (--nemesis none)');
  }
}
