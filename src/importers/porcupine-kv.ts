/**
 * Imports Porcupine's kv histories: one EDN map per line,
 * `{:process 0, :type :invoke, :f :get, :key "5", :value nil}`, with f get, put or append and
 * string keys and values. A get's ok value is the key's whole string (`""` when missing).
 */
import type { Op } from '../core/op.js';
import { UserError } from '../core/errors.js';
import { parseEdnMap } from './edn.js';
import { readText } from './porcupine-log.js';
import { buildHistory, type RawRecord } from './records.js';

const FS = new Set(['get', 'put', 'append']);
const TYPES = new Set(['invoke', 'ok', 'fail', 'info']);

function expect(cond: boolean, file: string, line: number, what: string): asserts cond {
  if (!cond) throw new UserError(`${file}:${line}: ${what}`);
}

/** Parses the text of a Porcupine kv history. Throws `UserError` naming `file:line`. */
export function parsePorcupineKv(file: string, text: string): Op[] {
  const records: RawRecord[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let m: Record<string, unknown>;
    try {
      m = parseEdnMap(raw);
    } catch (e) {
      throw new UserError(`${file}:${line}: ${(e as Error).message}`);
    }
    const { process, type, f, key, value } = m;
    expect(typeof process === 'number' && Number.isInteger(process) && process >= 0, file, line, 'expected :process, a non-negative integer');
    expect(typeof type === 'string' && TYPES.has(type), file, line, 'expected :type, one of :invoke :ok :fail :info');
    expect(typeof f === 'string' && FS.has(f), file, line, 'expected :f, one of :get :put :append');
    expect(typeof key === 'string', file, line, 'expected :key, a string');
    expect(value === null || value === undefined || typeof value === 'string', file, line, 'expected :value, a string or nil');
    records.push({ line, process, type: type as RawRecord['type'], f, key, value: value ?? null });
  });
  return buildHistory(file, records);
}

/** Reads and imports a Porcupine kv history file. */
export async function importPorcupineKv(file: string): Promise<Op[]> {
  return parsePorcupineKv(file, await readText(file));
}
