/**
 * Reading an input file for the importers: the bytes, their UTF-8 text, and whether they look like
 * binary data rather than text (a NUL byte, or bytes that are not UTF-8, in the first 64 KiB), so
 * that `check` can say "looks like binary data" instead of trying to read a program as a history.
 */
import { readFile } from 'node:fs/promises';
import { UserError } from '../core/errors.js';

/** An input file's contents. */
export interface InputText {
  text: string;
  /** True when the start of the file is not text. */
  binary: boolean;
}

const PREFIX = 65536;

/** True when `bytes` hold a NUL or are not valid UTF-8; `cut` says they are a prefix of the file. */
export function looksBinary(bytes: Uint8Array, cut = false): boolean {
  if (bytes.includes(0)) return true;
  try {
    // A prefix may end inside a multi-byte character: up to 3 of its bytes may be cut off.
    new TextDecoder('utf-8', { fatal: true }).decode(cut ? bytes.subarray(0, Math.max(0, bytes.length - 3)) : bytes);
    return false;
  } catch {
    return true;
  }
}

/** Reads `file`, turning I/O errors into `UserError`. */
export async function readInput(file: string): Promise<InputText> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new UserError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return { text: bytes.toString('utf8'), binary: looksBinary(bytes.subarray(0, PREFIX), bytes.length > PREFIX) };
}

/** Reads `file` as UTF-8 text, turning I/O errors into `UserError`. */
export async function readText(file: string): Promise<string> {
  return (await readInput(file)).text;
}
