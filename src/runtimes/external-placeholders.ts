/**
 * Placeholders in the external runtime's commands. A command is an argv array; `{name}` in an argument
 * is replaced by a value, in one pass (a value is never scanned again, so a node named `{nodes}` stays
 * that text). A value that is one string replaces the placeholder inside its argument (`--peer={host}`
 * gives `--peer=10.0.0.2`); a list (`{nodes}`, `{hosts}`, `{peers}`, `{peerHosts}`) must be a whole
 * argument and becomes that many arguments (none when empty). The result is run without a shell, so
 * whatever a value holds (`$(…)`, `;`, spaces, quotes) reaches the program verbatim as one argument.
 * `{word}` (letters only) is always a placeholder, and the cluster file's schema refuses names it
 * does not know; other text in braces (`{"a": 1}`, `{1}`) is left alone.
 */

const TOKEN = /\{([A-Za-z]+)\}/g;

/** The values a command is expanded with: one string, or a list of separate arguments. */
export type PlaceholderValues = Readonly<Record<string, string | readonly string[]>>;

/** The placeholder names in `arg`, in order. */
export function placeholdersIn(arg: string): string[] {
  return [...arg.matchAll(TOKEN)].map((m) => m[1]!);
}

/** `argv` with its placeholders replaced by `values`; a placeholder without a value is an error (a bug: the schema admits only known ones). */
export function expandArgv(argv: readonly string[], values: PlaceholderValues): string[] {
  const out: string[] = [];
  for (const arg of argv) {
    const whole = /^\{([A-Za-z]+)\}$/.exec(arg);
    const listValue = whole ? values[whole[1]!] : undefined;
    if (Array.isArray(listValue)) {
      out.push(...(listValue as readonly string[]));
      continue;
    }
    out.push(
      arg.replace(TOKEN, (_m, name: string) => {
        const v = values[name];
        if (v === undefined) throw new Error(`placeholder {${name}} has no value here`);
        if (typeof v !== 'string') throw new Error(`placeholder {${name}} expands to several arguments and must be a whole argument`);
        return v;
      }),
    );
  }
  return out;
}
