/**
 * The lexical half of the EDN reader: a position and a line number in the text, and the pieces of
 * EDN that need no nesting — whitespace, commas and `;` comments (skipped), `#_` discards (skipped
 * by reading the discarded form, which the reader supplies), tokens, strings and character
 * literals. Every error is an `EdnSyntaxError` carrying the line it concerns.
 */
import { readCharName, readEscape } from './atoms.js';
import type { EdnValue } from './value.js';

/** Malformed EDN, at `line`. */
export class EdnSyntaxError extends Error {
  override readonly name = 'EdnSyntaxError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** Characters that end a token. */
const DELIMITERS = new Set([' ', '\t', '\n', '\r', '\f', '\v', ',', '"', ';', '(', ')', '[', ']', '{', '}']);

/** Position, line and the flat parts of EDN; `readValue` (nesting) is the reader's. */
export abstract class EdnScanner {
  protected pos = 0;
  protected line = 1;

  constructor(protected readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  /** Reads one whole value at `pos` (after skipping space). */
  protected abstract readValue(): EdnValue;

  protected fail(message: string, line = this.line): EdnSyntaxError {
    return new EdnSyntaxError(line, message);
  }

  protected atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** Skips whitespace, commas, `;` comments and `#_` discarded forms. */
  protected skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 10) {
        this.line++;
        this.pos++;
      } else if (c === 32 || c === 44 || c === 9 || c === 13 || c === 12 || c === 11) {
        this.pos++;
      } else if (c === 59 /* ; */) {
        const nl = t.indexOf('\n', this.pos);
        this.pos = nl === -1 ? t.length : nl;
      } else if (c === 35 /* # */ && t.charCodeAt(this.pos + 1) === 95 /* _ */) {
        const line = this.line;
        this.pos += 2;
        this.skipSpace();
        if (this.atEnd()) throw this.fail('expected a form after #_ (discard), found the end of the file', line);
        this.readValue();
      } else {
        return;
      }
    }
  }

  /** Reads up to the next delimiter. */
  protected readToken(): string {
    const start = this.pos;
    while (this.pos < this.text.length && !DELIMITERS.has(this.text[this.pos])) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** Reads a string literal (`pos` at its opening quote); it may span lines. */
  protected readString(): string {
    const t = this.text;
    const line = this.line;
    let out = '';
    let from = ++this.pos;
    for (;;) {
      if (this.pos >= t.length) throw this.fail('the string opened on this line never ends: expected a closing "', line);
      const c = t.charCodeAt(this.pos);
      if (c === 34 /* " */) break;
      if (c === 10) this.line++;
      if (c !== 92 /* \ */) {
        this.pos++;
        continue;
      }
      out += t.slice(from, this.pos);
      let esc: { chars: string; used: number };
      try {
        esc = readEscape(t, this.pos + 1);
      } catch (e) {
        throw this.fail((e as Error).message);
      }
      out += esc.chars;
      this.pos += 1 + esc.used;
      from = this.pos;
    }
    out += t.slice(from, this.pos);
    this.pos++;
    return out;
  }

  /** Reads a character literal (`pos` at its backslash): `\a`, `\(`, `\newline`, `\u00e9`. */
  protected readChar(): EdnValue {
    const start = ++this.pos;
    if (this.atEnd()) throw this.fail('expected a character after \\, found the end of the file');
    this.pos++; // the first character belongs to the literal even if it is a delimiter: \( \,
    while (this.pos < this.text.length && !DELIMITERS.has(this.text[this.pos])) this.pos++;
    try {
      return { kind: 'char', char: readCharName(this.text.slice(start, this.pos)) };
    } catch (e) {
      throw this.fail((e as Error).message);
    }
  }
}
