/**
 * Shared by the importers: turns parsed records (one per source line) into a faultline history,
 * checking that times never go back and that calls and returns pair up per process (the same rule
 * and words as for faultline's own histories: core/history-validate.ts), and reporting any problem
 * as a `UserError` with `file:line: what was expected`.
 */
import { UserError } from '../core/errors.js';
import type { HistoryWithLines } from '../core/history-reader.js';
import { validatePairing } from '../core/history-validate.js';
import type { Op, OpType, ProcessId } from '../core/op.js';

/** One record as an importer parsed it, before indexing. */
export interface RawRecord {
  /** Source line, for messages. */
  line: number;
  process: ProcessId;
  type: OpType;
  f: string;
  value: unknown;
  key?: string;
  node?: string;
  error?: string;
  /** Nanoseconds, when the source has them; otherwise the record's position is used. */
  time?: number;
}

/** Builds and validates a history from records in source order, with each op's source line. */
export function buildHistory(file: string, records: RawRecord[]): HistoryWithLines {
  const ops: Op[] = [];
  const lines: number[] = [];
  let lastTime = 0;
  for (const r of records) {
    const time = r.time ?? ops.length;
    if (r.time !== undefined && time < lastTime) {
      throw new UserError(`${file}:${r.line}: expected times in non-decreasing order, found ${time} after ${lastTime}`);
    }
    lastTime = time;
    const op: Op = { index: ops.length, time, process: r.process, type: r.type, f: r.f, value: r.value };
    if (r.key !== undefined) op.key = r.key;
    if (r.node !== undefined) op.node = r.node;
    if (r.error !== undefined) op.error = r.error;
    ops.push(op);
    lines.push(r.line);
  }
  const history = { ops, lines };
  validatePairing(file, history);
  return history;
}
