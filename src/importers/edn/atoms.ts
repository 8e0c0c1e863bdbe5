/**
 * The EDN atoms a token can be, read from its text: nil, booleans, integers (exact: a safe number
 * or a bigint; a trailing `N` only says "arbitrary precision"), decimals (a trailing `M` likewise),
 * keywords and symbols; and the names of character literals. Anything else is an error in words.
 * Clojure's ratios (`1/3`) and radix forms (`16rFF`) are not EDN and are refused.
 */
import { exactInteger } from '../../core/exact-json.js';
import type { EdnKeyword, EdnValue } from './value.js';

const INTEGER = /^[+-]?(?:0|[1-9]\d*)N?$/;
const DECIMAL = /^[+-]?(?:0|[1-9]\d*)(?:\.\d*)?(?:[eE][+-]?\d+)?M?$/;
const RATIO = /^[+-]?\d+\/\d+$/;
/** Lenient: any run of symbol characters that does not start like a number, keyword or dispatch. */
const SYMBOL = /^[^\d\\"@^`~#:;,()[\]{}\s][^\\"@^`~;,()[\]{}\s]*$/u;
/** A keyword's name may also start with a digit (`:1` reads in Clojure). */
const KEYWORD_NAME = /^[^\\"@^`~#:;,()[\]{}\s][^\\"@^`~;,()[\]{}\s]*$/u;

/** Reads a number token (it starts with a digit, or a sign then a digit). Throws a plain Error. */
function readNumber(token: string): number | bigint {
  if (INTEGER.test(token)) return exactInteger(token.endsWith('N') ? token.slice(0, -1) : token);
  if (DECIMAL.test(token)) return Number(token.endsWith('M') ? token.slice(0, -1) : token);
  if (RATIO.test(token)) throw new Error(`the ratio ${token} is not EDN; expected an integer or a decimal number`);
  throw new Error(`expected a number, found "${token}"`);
}

/**
 * The value of a token that is not a string, character, collection or dispatch (`#…`). Keywords
 * come from `keywords`, so equal keywords of one reader are one object. Throws a plain Error.
 */
export function readAtom(token: string, keywords: Map<string, EdnKeyword>): EdnValue {
  if (token === 'nil') return null;
  if (token === 'true') return true;
  if (token === 'false') return false;
  const c = token.charCodeAt(0);
  const digitAt = (i: number): boolean => token.charCodeAt(i) >= 48 && token.charCodeAt(i) <= 57;
  if (digitAt(0) || ((c === 43 || c === 45) && digitAt(1))) return readNumber(token);
  if (c === 58 /* : */) {
    const name = token.slice(1);
    if (name.startsWith(':')) throw new Error(`the auto-resolved keyword ${token} is not EDN`);
    if (!KEYWORD_NAME.test(name) || name === '/') throw new Error(`expected a keyword, found "${token}"`);
    let kw = keywords.get(name);
    if (!kw) keywords.set(name, (kw = { kind: 'keyword', name }));
    return kw;
  }
  if (!SYMBOL.test(token)) throw new Error(`expected a value, found "${token}"`);
  return { kind: 'symbol', name: token };
}

const NAMED_CHARS: Record<string, string> = { newline: '\n', space: ' ', tab: '\t', return: '\r', backspace: '\b', formfeed: '\f' };

/** The character a `\name` literal stands for (`name` without the backslash). Throws a plain Error. */
export function readCharName(name: string): string {
  if ([...name].length === 1) return name;
  if (name in NAMED_CHARS) return NAMED_CHARS[name];
  if (/^u[0-9a-fA-F]{4}$/.test(name)) return String.fromCharCode(parseInt(name.slice(1), 16));
  if (/^o[0-3]?[0-7]{1,2}$/.test(name)) return String.fromCharCode(parseInt(name.slice(1), 8));
  throw new Error(`expected a character such as \\a, \\newline or \\u00e9, found "\\${name}"`);
}

const STRING_ESCAPES: Record<string, string> = { t: '\t', r: '\r', n: '\n', '\\': '\\', '"': '"', b: '\b', f: '\f' };

/**
 * The text of a string literal's escape after its backslash, starting at `text[at]`; returns the
 * character(s) and how many source characters the escape used. Throws a plain Error.
 */
export function readEscape(text: string, at: number): { chars: string; used: number } {
  const c = text[at];
  if (c !== undefined && c in STRING_ESCAPES) return { chars: STRING_ESCAPES[c], used: 1 };
  if (c === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) {
    return { chars: String.fromCharCode(parseInt(text.slice(at + 1, at + 5), 16)), used: 5 };
  }
  const octal = /^[0-3]?[0-7]{1,2}/.exec(text.slice(at, at + 3));
  if (octal) return { chars: String.fromCharCode(parseInt(octal[0], 8)), used: octal[0].length };
  throw new Error(`unknown escape \\${c ?? ''} in a string; expected \\n, \\t, \\", \\\\ or \\uXXXX`);
}
