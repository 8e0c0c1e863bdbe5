/**
 * The one error the engine throws: the history cannot be analysed as given (a micro-op of unknown
 * shape, a read whose value is not a list, an appended value that is not unique, …). It names the
 * history record at fault by its index, so the caller can say "op N: …".
 */

/** A history the engine cannot analyse; `message` starts with `op N: `. */
export class ElleInputError extends Error {
  override readonly name = 'ElleInputError';
  constructor(readonly opIndex: number, what: string) {
    super(`op ${opIndex}: ${what}`);
  }
}

/** A short rendering of a value for error messages. */
export function show(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
