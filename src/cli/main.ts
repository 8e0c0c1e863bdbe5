/**
 * The `faultline` command line (commander). Every subcommand returns an exit code; a `UserError`
 * anywhere prints its one-line message and exits 254, anything else is a crash (255) with the stack
 * written to stderr. Choices and help text come from the registries.
 */
import { Command, CommanderError } from 'commander';
import { ExitCode, UserError } from '../core/errors.js';
import { registerAnalyzeCommand } from './analyze.js';
import { registerCheckCommand } from './check.js';
import { registerCleanupCommand } from './cleanup.js';
import { registerListCommand } from './list.js';
import { registerRunCommand, type RunStreams } from './run.js';
import { registerServeCommand } from './serve.js';
import { takeExitCode } from './exit.js';
import { guardStdio } from './output.js';
import { escapeControl } from './terminal-text.js';
import { faultlineVersion } from '../runner/plan.js';

/** Builds the program (exported for tests of the help text); `run` writes to `streams` when given. */
export function buildProgram(streams?: RunStreams): Command {
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
  registerRunCommand(program, streams);
  registerCheckCommand(program);
  registerAnalyzeCommand(program);
  registerListCommand(program);
  registerServeCommand(program);
  registerCleanupCommand(program);
  return program;
}

/**
 * Runs the CLI with `argv` (as process.argv) and resolves with the exit code. `streams` replace the
 * process's stdout and stderr for `run`'s output (tests run it in-process with targets of their own).
 */
export async function runCli(argv: string[], streams?: RunStreams): Promise<number> {
  guardStdio(); // a closed stdout or stderr must not crash a command halfway
  const program = buildProgram(streams);
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

