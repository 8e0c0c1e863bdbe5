/**
 * Imports Porcupine's kv histories: EDN op maps (one per line in Porcupine's files, any layout
 * `ednOpMaps` reads), `{:process 0, :type :invoke, :f :get, :key "5", :value nil}`, with f get,
 * put or append and string keys and values. A get's ok value is the key's whole string (`""` when
 * missing).
 *
 * Porcupine's own files are one map per line, always in the same shape, with no escapes in their
 * strings: such a file is read line by line with one regular expression (`simpleKvRecords`), about ten
 * times faster than the EDN reader on a cold start (the reader was most of `faultline check`'s time
 * on c50-ok). A file with any other line (another key order, an escape, a comment, a map over several
 * lines) is read by the EDN reader as a whole, so what it accepts and how it words a mistake do not
 * depend on the fast path.
 */
import { UserError } from '../core/errors.js';
import type { HistoryWithLines } from '../core/history-reader.js';
import type { Op } from '../core/op.js';
import type { EdnValue } from './edn/value.js';
import { ednOpMaps } from './edn-op-maps.js';
import { readText } from './read-text.js';
import { buildHistory, type RawRecord } from './records.js';

const FS = new Set(['get', 'put', 'append']);
const TYPES = new Set(['invoke', 'ok', 'fail', 'info']);

function expect(cond: boolean, file: string, line: number, what: string): asserts cond {
  if (!cond) throw new UserError(`${file}:${line}: ${what}`);
}

function keyword(v: EdnValue | undefined): string | undefined {
  return typeof v === 'object' && v !== null && v.kind === 'keyword' ? v.name : undefined;
}

/** One line of Porcupine's own shape: the map's keys in its order, strings without escapes. */
const SIMPLE_LINE = /^\{:process (0|[1-9]\d{0,14}), :type :(invoke|ok|fail|info), :f :(get|put|append), :key "([^"\\]*)", :value (nil|"[^"\\]*")\}$/;

/**
 * The records of `text` if every line (but a last empty one) is a map of Porcupine's own shape
 * (`SIMPLE_LINE`); otherwise undefined, and the EDN reader reads the file.
 */
export function simpleKvRecords(text: string): RawRecord[] | undefined {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return undefined;
  const records: RawRecord[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = SIMPLE_LINE.exec(lines[i]!);
    if (!m) return undefined;
    const value = m[5] === 'nil' ? null : m[5]!.slice(1, -1);
    records.push({ line: i + 1, process: Number(m[1]), type: m[2] as RawRecord['type'], f: m[3]!, key: m[4]!, value });
  }
  return records;
}

/** Parses the text of a Porcupine kv history. Throws `UserError` naming `file:line`. */
export function parsePorcupineKv(file: string, text: string): HistoryWithLines {
  const simple = simpleKvRecords(text);
  if (simple) return buildHistory(file, simple);
  const records: RawRecord[] = [];
  for (const { line, fields } of ednOpMaps(file, text)) {
    const process = fields.get('process');
    const type = keyword(fields.get('type'));
    const f = keyword(fields.get('f'));
    const key = fields.get('key');
    const value = fields.get('value') ?? null;
    expect(typeof process === 'number' && Number.isInteger(process) && process >= 0, file, line, 'expected :process, a non-negative integer');
    expect(type !== undefined && TYPES.has(type), file, line, 'expected :type, one of :invoke :ok :fail :info');
    expect(f !== undefined && FS.has(f), file, line, 'expected :f, one of :get :put :append');
    expect(typeof key === 'string', file, line, 'expected :key, a string');
    expect(value === null || typeof value === 'string', file, line, 'expected :value, a string or nil');
    records.push({ line, process, type: type as RawRecord['type'], f, key, value });
  }
  return buildHistory(file, records);
}

/** Reads and imports a Porcupine kv history file. */
export async function importPorcupineKv(file: string): Promise<Op[]> {
  return parsePorcupineKv(file, await readText(file)).ops;
}
