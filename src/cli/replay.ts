/**
 * `faultline run --replay RUN_DIR`: the configuration and seed of a stored run, read from its
 * test.json (`options`, exactly as the run was given them), so the run can be made again with the same
 * op and fault choices. Everything that can be wrong with the directory or the file is a one-line
 * UserError naming it (exit 254), before anything starts.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../core/errors.js';
import { FILES } from '../report/store.js';
import { runOptionsSchema, type RunOptions } from '../runner/run-options.js';

/** The run settings `--replay` takes from test.json: every one but the output flags. */
export const REPLAYED_FLAGS = [
  'target', 'workload', 'runtime', 'nemesis', 'nemesisInterval', 'nemesisOpt', 'nodes', 'concurrency',
  'timeLimit', 'opLimit', 'rate', 'opTimeout', 'seed', 'targetOpt', 'runtimeOpt', 'workloadOpt', 'name',
] as const;

/** `--nemesis-interval` for `nemesisInterval`. */
function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Refuses a run setting given beside `--replay` (which takes them all from the stored run). */
export function refuseWithReplay(given: (key: string) => boolean, dir: string): void {
  const clash = REPLAYED_FLAGS.filter((k) => given(k));
  if (clash.length > 0) {
    throw new UserError(`--replay ${dir} takes every run setting from its ${FILES.test}; drop ${clash.map(flagName).join(', ')} (or run the command stored there with your changes)`);
  }
}

/** The stored options of the run in `arg` (a run directory, or a link such as reports/latest). */
export function replayOptions(arg: string, reportsDir: string): RunOptions {
  let dir: string;
  try {
    dir = realpathSync(arg);
  } catch {
    throw new UserError(`--replay ${arg}: no such run directory`);
  }
  if (!statSync(dir).isDirectory()) throw new UserError(`--replay ${arg}: not a directory`);
  const file = join(dir, FILES.test);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? `${file}: missing; --replay needs the ${FILES.test} a run stores` : `${file}: cannot be read (${code ?? (e as Error).message})`);
  }
  let stored: { options?: unknown };
  try {
    stored = JSON.parse(text) as { options?: unknown };
  } catch (e) {
    throw new UserError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = runOptionsSchema.safeParse(stored?.options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (options.${issue.path.join('.')}: ${issue.message})` : '';
    throw new UserError(`${file}: "options" is not a faultline run's options${where}`);
  }
  return { ...parsed.data, reportsDir };
}
