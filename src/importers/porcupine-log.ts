/**
 * Imports Porcupine's Jepsen etcd logs: `INFO  jepsen.util - PROCESS TYPE F VALUE` lines, fields
 * separated by tabs or spaces; every other line is ignored. Semantics (see the data README):
 *  - `:fail :cas [from to]` took effect and returned false → `fail` with `error: 'cas-mismatch'`;
 *  - `:info … :timed-out` and `:fail :read :timed-out` → `info` (unknown outcome);
 *  - `nil` → `null`; integers exactly (beyond 2^53 as `bigint`s).
 * The value of a completion that timed out is the value of its invoke.
 */
import { UserError } from '../core/errors.js';
import { exactInteger } from '../core/exact-json.js';
import type { HistoryWithLines } from '../core/history-reader.js';
import type { Op, OpType } from '../core/op.js';
import { readText } from './read-text.js';
import { buildHistory, type RawRecord } from './records.js';

const LINE = /jepsen\.util - (\S+)\s+:(\S+)\s+:(\S+)\s*(.*)$/;
const TYPES = new Set(['invoke', 'ok', 'fail', 'info']);

function parseValue(text: string): unknown {
  if (text === 'nil') return null;
  if (/^-?\d+$/.test(text)) return exactInteger(text);
  const pair = /^\[\s*(\S+)\s+(\S+)\s*\]$/.exec(text);
  if (pair) return [parseValue(pair[1]), parseValue(pair[2])];
  throw new Error('expected a value: nil, an integer or [from to]');
}

/** Parses the text of a Porcupine Jepsen log. Throws `UserError` naming `file:line`. */
export function parsePorcupineLog(file: string, text: string): HistoryWithLines {
  const records: RawRecord[] = [];
  const invoked = new Map<number, unknown>();
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (!raw.includes('jepsen.util')) return;
    const m = LINE.exec(raw.trimEnd());
    if (!m) throw new UserError(`${file}:${line}: expected "jepsen.util - PROCESS :TYPE :F VALUE"`);
    const [, proc, type, f, valueText] = m;
    if (!/^\d+$/.test(proc)) throw new UserError(`${file}:${line}: expected a process number, found "${proc}"`);
    if (!TYPES.has(type)) throw new UserError(`${file}:${line}: expected :invoke, :ok, :fail or :info, found ":${type}"`);
    const process = Number(proc);
    const rec: RawRecord = { line, process, type: type as OpType, f, value: null };
    if (valueText === ':timed-out') {
      if (type === 'invoke' || type === 'ok') throw new UserError(`${file}:${line}: expected a value on :${type}, found :timed-out`);
      rec.type = 'info';
      rec.error = 'timed-out';
      rec.value = invoked.get(process) ?? null;
    } else {
      try {
        rec.value = parseValue(valueText.trim());
      } catch (e) {
        throw new UserError(`${file}:${line}: ${(e as Error).message}, found "${valueText.trim()}"`);
      }
      if (type === 'fail' && f === 'cas') rec.error = 'cas-mismatch';
    }
    if (type === 'invoke') invoked.set(process, rec.value);
    records.push(rec);
  });
  return buildHistory(file, records);
}

/** Reads and imports a Porcupine Jepsen log file. */
export async function importPorcupineLog(file: string): Promise<Op[]> {
  return parsePorcupineLog(file, await readText(file)).ops;
}
