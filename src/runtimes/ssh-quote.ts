/**
 * Quoting for remote commands. `ssh host cmd…` joins its arguments with spaces and hands the string to
 * the remote user's shell, so every value that reaches a remote command line — a path, a node's
 * argument, an environment value — goes through `shellQuote` first: wrapped in single quotes, inside
 * which a POSIX shell expands nothing (`$()`, backquotes, `;`, globs, spaces stay literal), with each
 * single quote written as `'\''`. This is the one place the ssh runtime builds shell text from values.
 */

/** `value` as one word of a POSIX shell command line, taken literally. */
export function shellQuote(value: string): string {
  if (value.includes('\0')) throw new Error('a shell argument cannot contain a NUL byte');
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A command line of `argv`, each argument quoted: what the remote shell runs as exactly these words. */
export function shellCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

/** `env K=V … argv`, each part quoted (variable names must be plain identifiers). */
export function envCommand(env: Readonly<Record<string, string>>, argv: readonly string[]): string {
  const names = Object.keys(env);
  for (const k of names) if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`not an environment variable name: ${JSON.stringify(k)}`);
  return names.length === 0 ? shellCommand(argv) : shellCommand(['env', ...names.map((k) => `${k}=${env[k]}`), ...argv]);
}
