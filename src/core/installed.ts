/**
 * Prerequisites of third-party targets: is the program there, and if not, the one line that tells
 * the user which Debian package to install. Targets call `missingProgram` from `checkInstalled`, so
 * `faultline run --target etcd|redis` on a machine without the binary says so and exits 254 before
 * anything starts, in the same words for every target.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * True when `program` can be run: a path (holding a `/`) that is an executable file, or a name found
 * as one in a directory of `pathEnv` (default: this process's PATH).
 */
export function findsProgram(program: string, pathEnv: string = process.env.PATH ?? ''): boolean {
  const candidates = program.includes('/') ? [program] : pathEnv.split(delimiter).filter(Boolean).map((d) => join(d, program));
  return candidates.some((file) => {
    try {
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

/** What a target needs installed. */
export interface ProgramNeed {
  /** The binary the options name (`--target-opt binary=…`). */
  binary: string;
  /** The binary the target runs when not told otherwise. */
  defaultBinary: string;
  /** What the user knows it as: `etcd`, `Redis`. */
  product: string;
  /** The Debian (and Ubuntu) package that provides the default binary. */
  debianPackage: string;
  /** What else would do, e.g. `an etcd 3.4+ binary`. */
  alternative: string;
}

/** Undefined when `need.binary` can be run, else the one-line message saying how to install it. */
export function missingProgram(need: ProgramNeed, pathEnv?: string): string | undefined {
  if (findsProgram(need.binary, pathEnv)) return undefined;
  const install = `sudo apt-get install ${need.debianPackage}`;
  return need.binary === need.defaultBinary
    ? `${need.product} is not installed: install it with \`${install}\` (Debian/Ubuntu) or put ${need.alternative} on PATH`
    : `--target-opt binary=${need.binary}: no such ${need.product} binary (install ${need.product} with \`${install}\`)`;
}
