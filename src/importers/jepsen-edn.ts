/**
 * Imports Jepsen histories written as EDN (history.edn and the like), in any layout `ednOpMaps`
 * reads. Per op map: `:process` (a non-negative integer or `:nemesis`), `:type`, `:f`, `:value`
 * (any EDN, made plain by `toPlain`), and optionally `:time` (nanoseconds), `:key`, `:node` and
 * `:error`; `:index` and other fields are ignored (ops are re-indexed in file order).
 *
 * Histories of `jepsen.independent` tests carry `[key value]` tuples as values. With
 * `independent: 'auto'` (the default) a history whose every client op has a tuple value — a
 * two-element vector whose first element is a scalar, so neither a set `#{k v}` nor a
 * transaction `[[:r :x nil] [:w :y 1]]` — is taken as independent, and each tuple becomes `key`
 * (as text) and `value`.
 */
import { UserError } from '../core/errors.js';
import type { HistoryWithLines } from '../core/history-reader.js';
import type { Op, ProcessId } from '../core/op.js';
import { isCompound, printEdn, type EdnValue } from './edn/value.js';
import { keyText, toPlain } from './edn/plain.js';
import { ednOpMaps, type EdnOpMap } from './edn-op-maps.js';
import { readText } from './read-text.js';
import { buildHistory, type RawRecord } from './records.js';

/** Options of the Jepsen EDN importer. */
export interface JepsenEdnOptions {
  /** Split `[key value]` tuples into key and value: always, never, or when every client op has one. */
  independent?: boolean | 'auto';
}

const TYPES = new Set(['invoke', 'ok', 'fail', 'info']);

/** The text of a keyword, symbol or string; undefined for anything else. */
function name(v: EdnValue | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null && (v.kind === 'keyword' || v.kind === 'symbol')) return v.name;
  return undefined;
}

/** A `[key value]` tuple's parts, if `v` is one. */
function tupleOf(v: EdnValue | undefined): [EdnValue, EdnValue] | undefined {
  if (typeof v !== 'object' || v === null || v.kind !== 'vector' || v.items.length !== 2 || isCompound(v.items[0])) return undefined;
  return [v.items[0], v.items[1]];
}

interface Parsed {
  rec: RawRecord;
  /** The EDN `:value`, before it was made plain. */
  raw: EdnValue;
  tuple?: [EdnValue, EdnValue];
}

const isSet = (v: EdnValue): boolean => typeof v === 'object' && v !== null && v.kind === 'set';

/**
 * Where a value's elements have places, a set is refused: made plain it would become an array in the
 * order it was written, so `#{1 2}` as a cas value would read as `[from to]` = `[1 2]`. A cas value is
 * `[from to]`, a transaction a vector of micro-ops, each `[f k v]`. Elsewhere (a set-full read, a
 * value written) a set's elements need no order and it stays an array. Returns what was expected
 * and the set found instead.
 */
function setWhereVectorExpected(f: string, v: EdnValue): [string, EdnValue] | undefined {
  if (f === 'cas' && isSet(v)) return ['a cas :value, a vector [from to]', v];
  if (f !== 'txn' || typeof v !== 'object' || v === null) return undefined;
  if (isSet(v)) return ['a txn :value, a vector of micro-ops such as [[:r :x nil] [:append :y 1]]', v];
  const mop = v.kind === 'vector' || v.kind === 'list' ? v.items.find(isSet) : undefined;
  return mop === undefined ? undefined : ['each micro-op of a txn, a vector [f k v] such as [:append :y 1]', mop];
}

function toRecord(file: string, { line, fields }: EdnOpMap): Parsed {
  const fail = (what: string): never => {
    throw new UserError(`${file}:${line}: ${what}`);
  };
  const process = fields.get('process');
  let proc: ProcessId;
  if (name(process) === 'nemesis') proc = 'nemesis';
  else if (typeof process === 'number' && Number.isInteger(process) && process >= 0) proc = process;
  else return fail(`expected :process, a non-negative integer or :nemesis, found ${process === undefined ? 'none' : printEdn(process)}`);
  const type = name(fields.get('type'));
  if (type === undefined || !TYPES.has(type)) return fail('expected :type, one of :invoke :ok :fail :info');
  const f = name(fields.get('f'));
  if (f === undefined) return fail('expected :f, a keyword such as :read');
  const time = fields.get('time');
  const timeOk = time === undefined || (typeof time === 'bigint' && time >= 0n) || (typeof time === 'number' && Number.isInteger(time) && time >= 0);
  if (!timeOk) return fail('expected :time, a number of nanoseconds');
  const raw = fields.get('value') ?? null;
  let value: unknown;
  try {
    value = toPlain(raw);
  } catch (e) {
    return fail(`in :value, ${(e as Error).message}`);
  }
  const rec: RawRecord = { line, process: proc, type: type as RawRecord['type'], f, value };
  if (time !== undefined) rec.time = Number(time);
  const key = fields.get('key');
  if (key !== undefined && key !== null) rec.key = keyText(key);
  const node = name(fields.get('node'));
  if (node !== undefined) rec.node = node;
  const error = fields.get('error');
  if (error !== undefined && error !== null) rec.error = name(error) ?? printEdn(error);
  return { rec, raw, tuple: tupleOf(raw) };
}

/** Parses the text of a Jepsen EDN history. Throws `UserError` naming `file:line`. */
export function parseJepsenEdn(file: string, text: string, opts: JepsenEdnOptions = {}): HistoryWithLines {
  const parsed: Parsed[] = [];
  for (const m of ednOpMaps(file, text)) parsed.push(toRecord(file, m));
  const client = parsed.filter((p) => p.rec.process !== 'nemesis');
  const independent = opts.independent ?? 'auto';
  const split = independent === true || (independent === 'auto' && client.length > 0 && client.every((p) => p.tuple));
  if (split) {
    for (const p of client) {
      const { rec, tuple } = p;
      if (!tuple) throw new UserError(`${file}:${rec.line}: expected an independent [key value] tuple as :value`);
      rec.key = keyText(tuple[0]);
      rec.value = toPlain(tuple[1]);
      p.raw = tuple[1];
    }
  }
  for (const { rec, raw } of parsed) {
    const refused = setWhereVectorExpected(rec.f, raw);
    if (refused) throw new UserError(`${file}:${rec.line}: expected ${refused[0]}, found the set ${printEdn(refused[1]).slice(0, 60)}; a set has no order`);
  }
  return buildHistory(file, parsed.map((p) => p.rec));
}

/** Reads and imports a Jepsen EDN history file. */
export async function importJepsenEdn(file: string, opts: JepsenEdnOptions = {}): Promise<Op[]> {
  return parseJepsenEdn(file, await readText(file), opts).ops;
}
