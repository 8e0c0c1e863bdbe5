/**
 * Shared by the importers: turns parsed records (one per source line) into a faultline history,
 * checking that calls and returns pair up per process, and reporting any problem as a
 * `UserError` with `file:line: what was expected`.
 *
 * An invoke still open at the end of the file is kept as is (the history ended first, which in
 * Jepsen's semantics means its outcome is unknown); a second invoke while one is in flight on the
 * same process, or a completion with no invoke, is an error.
 */
import { UserError } from '../core/errors.js';
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
  error?: string;
  /** Nanoseconds, when the source has them; otherwise the record's position is used. */
  time?: number;
}

/** Builds and validates a history from records in source order. */
export function buildHistory(file: string, records: RawRecord[]): Op[] {
  const open = new Map<ProcessId, RawRecord>();
  const ops: Op[] = [];
  let lastTime = 0;
  for (const r of records) {
    if (r.process !== 'nemesis') {
      const prior = open.get(r.process);
      if (r.type === 'invoke') {
        if (prior) {
          throw new UserError(`${file}:${r.line}: expected a completion of process ${r.process}'s ${prior.f} (invoked on line ${prior.line}) before it invokes again`);
        }
        open.set(r.process, r);
      } else {
        if (!prior) throw new UserError(`${file}:${r.line}: expected an invoke before this ${r.type} ${r.f} of process ${r.process}, found none in flight`);
        if (prior.f !== r.f) {
          throw new UserError(`${file}:${r.line}: expected the completion of ${prior.f} (line ${prior.line}) for process ${r.process}, found ${r.f}`);
        }
        open.delete(r.process);
      }
    }
    const time = r.time ?? ops.length;
    if (r.time !== undefined && time < lastTime) {
      throw new UserError(`${file}:${r.line}: expected times in non-decreasing order, found ${time} after ${lastTime}`);
    }
    lastTime = time;
    const op: Op = { index: ops.length, time, process: r.process, type: r.type, f: r.f, value: r.value };
    if (r.key !== undefined) op.key = r.key;
    if (r.error !== undefined) op.error = r.error;
    ops.push(op);
  }
  return ops;
}
