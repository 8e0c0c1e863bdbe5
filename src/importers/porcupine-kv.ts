/**
 * Imports Porcupine's kv histories: EDN op maps (one per line in Porcupine's files, any layout
 * `ednOpMaps` reads), `{:process 0, :type :invoke, :f :get, :key "5", :value nil}`, with f get,
 * put or append and string keys and values. A get's ok value is the key's whole string (`""` when
 * missing).
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

/** Parses the text of a Porcupine kv history. Throws `UserError` naming `file:line`. */
export function parsePorcupineKv(file: string, text: string): HistoryWithLines {
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
