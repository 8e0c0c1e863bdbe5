/**
 * Imports Jepsen `history.edn`: EDN maps with :process, :type, :f, :value and optionally :time,
 * :error — one per line, or all in one vector. Keywords become strings (`:read` → `"read"`).
 *
 * Histories of `jepsen.independent` tests carry `[key value]` tuples as values. With
 * `independent: 'auto'` (the default) a history whose every client op has a two-element vector
 * value is taken as independent, and each tuple becomes `key` (as a string) and `value`.
 */
import type { Op, ProcessId } from '../core/op.js';
import { UserError } from '../core/errors.js';
import { parseEdnForms, parseEdnMap } from './edn.js';
import { readText } from './porcupine-log.js';
import { buildHistory, type RawRecord } from './records.js';

/** Options of the Jepsen EDN importer. */
export interface JepsenEdnOptions {
  /** Split `[key value]` tuples into key and value: always, never, or when every client op has one. */
  independent?: boolean | 'auto';
}

const TYPES = new Set(['invoke', 'ok', 'fail', 'info']);

function toRecord(file: string, line: number, m: Record<string, unknown>): RawRecord {
  const fail = (what: string): never => {
    throw new UserError(`${file}:${line}: ${what}`);
  };
  const { process, type, f, value, time, error } = m;
  let proc: ProcessId;
  if (process === 'nemesis') proc = 'nemesis';
  else if (typeof process === 'number' && Number.isInteger(process) && process >= 0) proc = process;
  else return fail('expected :process, a non-negative integer or :nemesis');
  if (typeof type !== 'string' || !TYPES.has(type)) return fail('expected :type, one of :invoke :ok :fail :info');
  if (typeof f !== 'string') return fail('expected :f, a keyword');
  if (time !== undefined && typeof time !== 'number') return fail('expected :time, a number of nanoseconds');
  const rec: RawRecord = { line, process: proc, type: type as RawRecord['type'], f, value: value ?? null };
  if (typeof time === 'number') rec.time = time;
  if (error !== undefined && error !== null) rec.error = typeof error === 'string' ? error : JSON.stringify(error);
  return rec;
}

/** Parses the text of a Jepsen history.edn. Throws `UserError` naming `file:line`. */
export function parseJepsenEdn(file: string, text: string, opts: JepsenEdnOptions = {}): Op[] {
  const records: RawRecord[] = [];
  if (text.trimStart().startsWith('[')) {
    let forms: unknown[];
    try {
      forms = parseEdnForms(text);
    } catch (e) {
      throw new UserError(`${file}:1: ${(e as Error).message}`);
    }
    const all = forms[0];
    if (forms.length !== 1 || !Array.isArray(all)) throw new UserError(`${file}:1: expected one vector of op maps`);
    all.forEach((m, i) => {
      if (typeof m !== 'object' || m === null || Array.isArray(m)) throw new UserError(`${file}:1: expected op ${i} to be a map`);
      records.push(toRecord(file, 1, m as Record<string, unknown>));
    });
  } else {
    text.split('\n').forEach((raw, i) => {
      if (raw.trim() === '') return;
      let m: Record<string, unknown>;
      try {
        m = parseEdnMap(raw);
      } catch (e) {
        throw new UserError(`${file}:${i + 1}: ${(e as Error).message}`);
      }
      records.push(toRecord(file, i + 1, m));
    });
  }
  const client = records.filter((r) => r.process !== 'nemesis');
  const isTuple = (v: unknown): v is [unknown, unknown] => Array.isArray(v) && v.length === 2;
  const independent = opts.independent ?? 'auto';
  const split = independent === true || (independent === 'auto' && client.length > 0 && client.every((r) => isTuple(r.value)));
  if (split) {
    for (const r of client) {
      if (!isTuple(r.value)) throw new UserError(`${file}:${r.line}: expected an independent [key value] tuple as :value`);
      const [key, value] = r.value;
      r.key = typeof key === 'string' ? key : JSON.stringify(key);
      r.value = value ?? null;
    }
  }
  return buildHistory(file, records);
}

/** Reads and imports a Jepsen history.edn file. */
export async function importJepsenEdn(file: string, opts: JepsenEdnOptions = {}): Promise<Op[]> {
  return parseJepsenEdn(file, await readText(file), opts);
}
