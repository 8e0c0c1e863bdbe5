/**
 * JSON with exact integers. Op values are plain JSON, but JavaScript numbers hold integers exactly
 * only up to 2^53 − 1: `JSON.parse` reads 9007199254740993 as 9007199254740992, and a checker
 * would then see a stale read as fresh. So faultline represents an integer by its exact value:
 *
 *  - an integer within `Number.isSafeInteger` is a `number`;
 *  - any other integer is a `bigint` (never a number, so `===` compares values exactly);
 *  - on disk both are bare digits, so `jq` and other tools still read the file.
 *
 * `exactInteger` makes the representation canonical; `parseExactJson` and `stringifyExactJson`
 * keep it across JSON. Both take the fast native path unless the text or value needs otherwise;
 * only then is lossless-json loaded (its one-file CommonJS build, through `require`), so the many
 * commands and files that never need it (`faultline check` on a small history) do not load it.
 */
import { createRequire } from 'node:module';

type LosslessJson = typeof import('lossless-json');
let lossless: LosslessJson | undefined;
/** lossless-json, loaded on first use. */
function losslessJson(): LosslessJson {
  return (lossless ??= createRequire(import.meta.url)('lossless-json') as LosslessJson);
}

/** The canonical value of the integer written `digits` (optional sign): a safe number, else a bigint. */
export function exactInteger(digits: string): number | bigint {
  const n = Number(digits);
  if (Number.isSafeInteger(n)) return n;
  return BigInt(digits.startsWith('+') ? digits.slice(1) : digits);
}

/** A bigint in the safe range becomes a number; anything else is returned as is. */
export function canonicalInteger(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

const INTEGER = /^-?\d+$/;
/** A run of 16 digits is the shortest text that can hold an unsafe integer. */
const LONG_DIGITS = /\d{16}/;

function parseNumber(text: string): number | bigint {
  return INTEGER.test(text) ? exactInteger(text) : Number(text);
}

/** `JSON.parse`, except that integers outside the safe range come back as exact `bigint`s. */
export function parseExactJson(text: string): unknown {
  if (!LONG_DIGITS.test(text)) return JSON.parse(text);
  return losslessJson().parse(text, null, parseNumber);
}

/** True when `e` is the TypeError `JSON.stringify` throws for a bigint. */
function isBigintError(e: unknown): boolean {
  return e instanceof TypeError && /BigInt/i.test(e.message);
}

/** `JSON.stringify`, except that a `bigint` is written as its bare digits instead of throwing. */
export function stringifyExactJson(value: unknown, space?: number): string {
  try {
    return JSON.stringify(value, null, space);
  } catch (e) {
    if (!isBigintError(e)) throw e;
    return losslessJson().stringify(value, null, space) ?? 'null';
  }
}

/** A short text for any value in messages: JSON, with bigints as digits. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  return stringifyExactJson(value);
}
