/**
 * The `faultline` command line (commander). Every subcommand returns an exit code; a `UserError`
 * anywhere prints its one-line message and exits 254, anything else is a crash (255) with the stack
 * written to stderr. Choices and help text come from the registries.
 */
import { Command, CommanderError } from 'commander';
import { ExitCode, UserError } from '../core/errors.js';
import { faultlineVersion } from '../core/paths.js';
import type { RunStreams } from './run.js';
import { takeExitCode } from './exit.js';
import { guardStdio } from './output.js';
import { escapeControl } from './terminal-text.js';

/**
 * Each subcommand's module, loaded only when needed: `check` never loads the targets, runtimes and
 * nemeses that `run` needs, so a command starts in a fraction of the time loading them all takes.
 */
const COMMANDS: Record<string, () => Promise<(program: Command, streams?: RunStreams) => unknown>> = {
  run: async () => (await import('./run.js')).registerRunCommand,
  check: async () => (await import('./check.js')).registerCheckCommand,
  analyze: async () => (await import('./analyze.js')).registerAnalyzeCommand,
  list: async () => (await import('./list.js')).registerListCommand,
  serve: async () => (await import('./serve.js')).registerServeCommand,
  cleanup: async () => (await import('./cleanup.js')).registerCleanupCommand,
  cap: async () => (await import('./cap.js')).registerCapCommand,
};

/**
 * Builds the program. With `only` (a subcommand name from argv), only that subcommand is loaded;
 * otherwise (top-level help, an unknown command) all of them are, so help lists every one. `run`
 * writes to `streams` when given.
 */
export async function buildProgram(only?: string, streams?: RunStreams): Promise<Command> {
  const program = new Command('faultline')
    .description(
      'Jepsen-style fault injection and consistency checking for distributed systems. ' +
        'Start a cluster, drive concurrent clients against it while faults are injected, record the ' +
        'history, and check it. Every run is stored under reports/; `faultline run` with no options ' +
        'tests the bundled Raft key-value store.',
    )
    .version(faultlineVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const versionOnly = only === '-V' || only === '--version';
  const names = versionOnly ? [] : only !== undefined && Object.hasOwn(COMMANDS, only) ? [only] : Object.keys(COMMANDS);
  for (const register of await Promise.all(names.map((n) => COMMANDS[n]()))) register(program, streams);
  return program;
}

/**
 * Runs the CLI with `argv` (as process.argv) and resolves with the exit code. `streams` replace the
 * process's stdout and stderr for `run`'s output (tests run it in-process with targets of their own).
 */
export async function runCli(argv: string[], streams?: RunStreams): Promise<number> {
  guardStdio(); // a closed stdout or stderr must not crash a command halfway
  const program = await buildProgram(argv[2], streams);
  try {
    await program.parseAsync(argv);
    return takeExitCode();
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are not errors; commander already printed its message.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return ExitCode.badArguments;
    }
    if (e instanceof UserError) {
      process.stderr.write(`faultline: ${escapeControl(e.message, { keepNewlines: true })}\n`);
      return e.exitCode;
    }
    process.stderr.write(`faultline crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return ExitCode.crashed;
  }
}

