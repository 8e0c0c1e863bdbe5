/**
 * The run store: `reports/<test-name>/<timestamp>/` holds test.json (every option, seed, versions and
 * the command that reproduces the run), history.jsonl, results.json, junit.xml, harness.log and node logs.
 * `reports/latest` (and `reports/<test-name>/latest`) link to the newest run.
 */
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { UserError } from '../core/errors.js';

export const FILES = {
  test: 'test.json',
  history: 'history.jsonl',
  results: 'results.json',
  harnessLog: 'harness.log',
  report: 'report.html',
  junit: 'junit.xml',
  index: 'index.html',
} as const;

/** `20261121T193510.123Z`: sortable, and safe in a path. */
export function runTimestamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '');
}

/** Points `link` at `target` (relative), replacing any old link atomically. */
function relink(link: string, target: string): void {
  const tmp = `${link}.${process.pid}.tmp`;
  symlinkSync(relative(resolve(link, '..'), target), tmp);
  renameSync(tmp, link);
}

/**
 * Refuses a test name that is not one plain path component inside the reports directory: only letters,
 * digits, '.', '_' and '-' (no '/', no control character), not starting with '.' (so neither '.' nor
 * '..', which would put the run and a `latest` link outside it), at most 100 characters.
 */
export function checkTestName(name: string): void {
  if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/.test(name)) {
    throw new UserError(`--name ${JSON.stringify(name)}: expected up to 100 letters, digits, '.', '_' and '-', not starting with '.'`);
  }
}

/** Creates a fresh run directory and updates the `latest` links. */
export function createRunDir(reportsDir: string, testName: string, now: Date): string {
  checkTestName(testName);
  // Absolute, so that node processes (each with its own cwd) and links agree on every path.
  const base = join(resolve(reportsDir), testName);
  let dir = join(base, runTimestamp(now));
  for (let i = 1; existsSync(dir); i++) dir = join(base, `${runTimestamp(now)}-${i}`);
  mkdirSync(dir, { recursive: true });
  relink(join(reportsDir, 'latest'), dir);
  relink(join(reportsDir, testName, 'latest'), dir);
  return dir;
}

/** Writes `value` as pretty JSON to `dir/name` (via a temporary file, so a reader never sees half). */
export function writeJson(dir: string, name: string, value: unknown): void {
  writeTextAtomic(join(dir, name), JSON.stringify(value, null, 2) + '\n');
}

/** Writes `text` to `file` through a temporary file, so a reader never sees half of it. */
export function writeTextAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Reads `dir/name` as JSON, or undefined when absent; a corrupt file is a UserError. */
export function readJson<T>(dir: string, name: string): T | undefined {
  const file = join(dir, name);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new UserError(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

/** Resolves a run directory argument (following `latest` links); UserError when it is not one. */
export function resolveRunDir(arg: string): string {
  let dir: string;
  try {
    dir = realpathSync(arg);
  } catch {
    throw new UserError(`${arg}: no such run directory`);
  }
  if (!statSync(dir).isDirectory()) throw new UserError(`${arg}: not a directory`);
  if (!existsSync(join(dir, FILES.test)) && !existsSync(join(dir, FILES.history))) {
    throw new UserError(`${arg}: not a run directory (no ${FILES.test} or ${FILES.history})`);
  }
  return dir;
}
