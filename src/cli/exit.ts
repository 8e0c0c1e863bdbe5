/**
 * The exit code a subcommand chose. Commander actions return nothing, so an action records its code
 * here and `runCli` reads it once parsing has finished. Reset on every read.
 */
let code = 0;

/** Records the exit code of the running subcommand. */
export function setExitCode(c: number): void {
  code = c;
}

/** Returns the recorded exit code and resets it to 0. */
export function takeExitCode(): number {
  const c = code;
  code = 0;
  return c;
}
