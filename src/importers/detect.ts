/**
 * Telling a history's format from its content, and saying in words what a file looks like, so
 * that `check` needs no `--format` and never reads a file it did not understand as an empty, hence
 * "valid", history. The rules, on the first significant characters:
 *  - not text (NUL bytes, not UTF-8): binary data, no format;
 *  - `{"…`: JSON lines, faultline's `jsonl`; `[{"…`: a JSON array, no format;
 *  - `{`, `[`, `(`, `#`, `;`: EDN; `porcupine-kv` if the first op map has a string `:key` and `:f`
 *    get, put or append, else `jepsen-edn`;
 *  - anything with `jepsen.util - PROCESS :TYPE :F` lines: a Porcupine (Jepsen etcd) log;
 *  - anything else: no format, described by its first line.
 */
import { EdnReader } from './edn/reader.js';
import { describeEdn } from './edn/value.js';
import type { ImportFormat } from './formats.js';
import type { InputText } from './read-text.js';

/** What a file's content fits, and how to say what it looks like ("looks like …"). */
export interface ContentGuess {
  format?: ImportFormat;
  looksLike: string;
}

const LOG_LINE = /jepsen\.util\s+-\s+\S+\s+:\S+\s+:\S+/;
const KV_FS = new Set(['get', 'put', 'append']);

function guessEdn(text: string): ContentGuess {
  const reader = new EdnReader(text);
  let first;
  try {
    reader.enterSequence();
    first = reader.next();
  } catch {
    return { format: 'jepsen-edn', looksLike: 'EDN' };
  }
  let v = first?.value;
  if (typeof v === 'object' && v !== null && v.kind === 'tagged') v = v.value;
  if (v === undefined) return { format: 'jepsen-edn', looksLike: 'EDN holding no op maps' };
  if (typeof v !== 'object' || v === null || v.kind !== 'map') return { format: 'jepsen-edn', looksLike: `EDN, but it starts with ${describeEdn(v)} where an op map should be` };
  const field = (name: string) => v.entries.find(([k]) => typeof k === 'object' && k !== null && k.kind === 'keyword' && k.name === name)?.[1];
  const f = field('f');
  const fName = typeof f === 'object' && f !== null && f.kind === 'keyword' ? f.name : undefined;
  if (typeof field('key') === 'string' && fName !== undefined && KV_FS.has(fName)) return { format: 'porcupine-kv', looksLike: 'a Porcupine kv history (EDN)' };
  return { format: 'jepsen-edn', looksLike: 'a Jepsen EDN history' };
}

function firstLine(text: string): string {
  const line = text.trimStart().split('\n', 1)[0].trim();
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}

/** Guesses the format of a file's content. */
export function guessFormat(input: InputText): ContentGuess {
  if (input.binary) return { looksLike: 'binary data, not text' };
  const text = input.text.replace(/^\uFEFF/, '');
  const start = text.trimStart();
  if (start === '') return { looksLike: 'an empty file' };
  if (/^\{\s*("|\})/.test(start)) return { format: 'jsonl', looksLike: 'a faultline JSONL history' };
  if (/^\[\s*\{\s*"/.test(start)) return { looksLike: 'a JSON array (faultline reads JSON lines: one object per line)' };
  if ('{[(#;'.includes(start[0])) return guessEdn(text);
  if (LOG_LINE.test(text)) return { format: 'porcupine-log', looksLike: 'a Porcupine (Jepsen etcd) log' };
  return { looksLike: `text in no history format faultline reads (it starts "${firstLine(text)}")` };
}
