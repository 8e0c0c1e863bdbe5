/**
 * A target's program on the harness's own host, for the runtimes whose nodes run there (local,
 * netns): checking it is installed — a binary found on PATH (or at its absolute path) and executable,
 * a Node script compiled under dist/ — and turning it into the command that starts it. A missing
 * program is refused in one line that names the Debian package to install, or the build to run.
 */
import { accessSync, constants, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { compiledPath } from '../core/paths.js';
import type { NodeSpec, Program } from '../core/target.js';

/** The executable `name` resolves to on this host's PATH (a name with a slash is taken as it is), or undefined. */
export function findOnPath(name: string, path = process.env.PATH ?? ''): string | undefined {
  const executable = (f: string) => {
    try {
      accessSync(f, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (name.includes('/')) return executable(name) ? name : undefined;
  return path
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, name))
    .find(executable);
}

/**
 * Why `program` cannot run on this host, in one line naming what to install or build (`target` names
 * the system), or undefined when it can.
 */
export function hostProgramMissing(target: string, program: Program): string | undefined {
  if (program.kind === 'node-script') {
    const file = compiledPath(program.script);
    return existsSync(file) ? undefined : `${target} is not built: ${file} is missing; run \`npm run build\``;
  }
  if (findOnPath(program.name)) return undefined;
  const install = `sudo apt-get install ${program.debianPackage}`;
  if (program.chosenBy) return `${program.chosenBy}: no such ${target} binary (install ${target} with \`${install}\`)`;
  const where = isAbsolute(program.name) ? `at ${program.name}` : 'on PATH';
  return `${target} is not installed: ${program.name} is not ${where}; install it with \`${install}\` (Debian/Ubuntu)`;
}

/** The command line that starts `program` with `spec`'s args on this host. */
export function hostCommand(program: Program, spec: Pick<NodeSpec, 'args'>): { command: string; args: string[] } {
  if (program.kind === 'node-script') return { command: process.execPath, args: [compiledPath(program.script), ...spec.args] };
  return { command: program.name, args: [...spec.args] };
}

/** Puts `spec`'s files in place on this host, relative paths under `cwd`. */
export function placeFiles(spec: Pick<NodeSpec, 'files'>, cwd: string): void {
  for (const f of spec.files ?? []) {
    const path = isAbsolute(f.path) ? f.path : join(cwd, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content, { mode: f.mode ?? 0o644 });
  }
}
