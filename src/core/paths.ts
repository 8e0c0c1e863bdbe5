/**
 * Locations inside the installed package, independent of whether code runs from src/ (tests) or
 * dist/ (the CLI): compiled programs that the harness starts as child processes live under dist/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The package's root directory (the one holding package.json). */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the faultline package root');
    dir = up;
  }
  root = dir;
  return dir;
}

/** Path of a compiled file, given its source path relative to the root (`targets/x/server.ts`). */
export function compiledPath(sourceRelative: string): string {
  return join(packageRoot(), 'dist', sourceRelative.replace(/\.ts$/, '.js'));
}

/** faultline's own version, from package.json ('unknown' if it cannot be read). */
export function faultlineVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * The command that runs faultline, as the README recommends it and as faultline suggests it (the
 * stored "reproduce with" command, `check`'s stored command, the empty index page): run from the
 * package's root, it starts at once (a first `npx faultline` spends ~40 s setting up npx's cache).
 */
export const FAULTLINE_COMMAND = 'node bin/faultline.js';
