/**
 * Running one of the external runtime's commands: its argv, expanded (external-placeholders.ts), run
 * with execa without a shell, stdin closed, bounded by the runtime's `timeout` option. A command that
 * exits non-zero, is killed by its timeout or cannot start is an `Error` naming the command's key, the
 * node or link it acted on, and its exit code and the first line of its stderr: the nemesis records
 * that message in the history as the fault op's error.
 */
import { execa } from 'execa';
import type { Logger } from '../core/logger.js';
import type { CommandKey } from './external-config.js';
import { expandArgv, type PlaceholderValues } from './external-placeholders.js';

/** What a run of a command needs to know. */
export interface CommandRunner {
  /** The cluster file's name, for messages. */
  file: string;
  commands: Partial<Record<CommandKey, string[]>>;
  timeoutMs: number;
  logger: Logger;
}

const firstLine = (s: string) => s.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';

/**
 * Runs command `key` with `values`; `what` names what it acts on (`n2 (etcd-b)`, `n1→n2`) in
 * messages. Resolves when it exits 0; rejects with a one-line error otherwise.
 */
export async function runCommand(r: CommandRunner, key: CommandKey, values: PlaceholderValues, what: string): Promise<void> {
  const argv = r.commands[key];
  if (!argv) throw new Error(`runtime external: ${r.file} has no \`${key}\` command`);
  const [program, ...args] = expandArgv(argv, values);
  r.logger.info(`external ${key}${what ? ` ${what}` : ''}: ${JSON.stringify([program, ...args])}`);
  const res = await execa(program!, args, { reject: false, timeout: r.timeoutMs, stdin: 'ignore', stdout: 'ignore' });
  if (res.exitCode === 0 && !res.timedOut) return;
  const why = res.timedOut
    ? `timed out after ${r.timeoutMs / 1000} s`
    : res.exitCode === undefined
      ? `could not run ${program}: ${firstLine(res.originalMessage ?? res.shortMessage ?? '')}`
      : `exit ${res.exitCode}${firstLine(String(res.stderr ?? '')) ? `: ${firstLine(String(res.stderr))}` : ''}`;
  throw new Error(`runtime external: \`${key}\` command${what ? ` for ${what}` : ''} failed (${why})`);
}
