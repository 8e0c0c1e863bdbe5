/**
 * Quoting one argument of a command line shown to the user (the `faultline …` command that repeats a
 * run or a check), left bare when it needs no quotes. Kept apart from the run options so that `check`
 * can print its command without loading the run's option schema.
 */

/** Quotes an argument for a POSIX shell when it needs it. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
