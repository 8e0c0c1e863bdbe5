/**
 * Text that came from a history, a checker or a node's log, made safe to print on a terminal. A key,
 * a value or an error string is data: if it holds an ESC sequence, printed raw it would be obeyed
 * (clear the screen, set the window title, hide what follows). Every place that prints such text —
 * the run and analyze summaries, `check`'s verdict, warnings and error messages — goes through
 * `escapeControl`, which writes each control character as an escape: `\x1b`, `\n`, `\u202e`.
 */

/** C0 and C1 controls, DEL, and the Unicode line separators and bidirectional overrides. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Escapes control characters in `s`. With `keepNewlines`, '\n' stays a line break (for text that is
 * printed as several lines on purpose, such as a log tail in an error message).
 */
export function escapeControl(s: string, o: { keepNewlines?: boolean } = {}): string {
  return s.replace(CONTROL, (c) => {
    if (c === '\n' && o.keepNewlines) return c;
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
