/**
 * Bad histories as bad input. A history read from a file (`analyze`, `check`) that breaks the
 * history rules (a process with two ops in flight, a completion with no invoke or of another `f`),
 * or that holds a record a checker cannot judge (a value of the wrong type for the model), is the
 * user's to fix: it becomes a `UserError` naming `file:line` of the record, exit code 254, the same
 * from every command. (During a live run nothing here applies: a checker's `badOp` there leaves
 * the verdict unknown, exit 2, as the fault is then the harness's, not the user's.)
 */
import type { CheckResult } from './checker.js';
import { UserError } from './errors.js';
import type { HistoryWithLines } from './history-reader.js';
import type { Op, ProcessId } from './op.js';

/** The source line of the record whose `Op.index` is `index`, if the history has it. */
export function lineOfOp({ ops, lines }: HistoryWithLines, index: number): number | undefined {
  if (ops[index]?.index === index) return lines[index];
  const i = ops.findIndex((op) => op.index === index);
  return i === -1 ? undefined : lines[i];
}

/**
 * The refusal at the record's `file:line`; any other record the reason names as `op N` (an `Op.index`:
 * "which op 0 also appends") is named by its `file:line` too, where the history has it.
 */
function located(file: string, h: HistoryWithLines, index: number, reason: string): UserError {
  const line = lineOfOp(h, index);
  const text = reason.replace(/(?<![\w-])op (\d+)\b/g, (whole, n: string) => {
    const at = lineOfOp(h, Number(n));
    return at === undefined ? whole : `${file}:${at}`;
  });
  return new UserError(line === undefined ? `${file}: op ${index}: ${text}` : `${file}:${line}: ${text}`);
}

/**
 * Throws a `UserError` at the first record that breaks the pairing rules: per client process, an
 * invoke, then its completion with the same `f`, then the next invoke. An invoke still open at the
 * end is allowed (the history ended first: its outcome is unknown). Nemesis ops are not paired.
 */
export function validatePairing(file: string, { ops, lines }: HistoryWithLines): void {
  const open = new Map<ProcessId, { op: Op; line: number }>();
  ops.forEach((op, i) => {
    if (op.process === 'nemesis') return;
    const at = `${file}:${lines[i]}`;
    const prior = open.get(op.process);
    if (op.type === 'invoke') {
      if (prior) throw new UserError(`${at}: expected a completion of process ${op.process}'s ${prior.op.f} (invoked on line ${prior.line}) before it invokes again`);
      open.set(op.process, { op, line: lines[i] });
      return;
    }
    if (!prior) throw new UserError(`${at}: expected an invoke before this ${op.type} ${op.f} of process ${op.process}, found none in flight`);
    if (prior.op.f !== op.f) throw new UserError(`${at}: expected the completion of ${prior.op.f} (line ${prior.line}) for process ${op.process}, found ${op.f}`);
    open.delete(op.process);
  });
}

/** Throws a `UserError` if a checker found a record it cannot judge (`CheckResult.badOp`). */
export function rejectBadOps(file: string, h: HistoryWithLines, results: Iterable<CheckResult>): void {
  for (const r of results) if (r.badOp) throw located(file, h, r.badOp.index, r.badOp.reason);
}

/** Throws the `UserError` "nothing to check" when a history has no ops at all. */
export function rejectEmpty(file: string, h: HistoryWithLines): void {
  if (h.ops.length === 0) throw new UserError(`${file}: the history holds no operations; nothing to check`);
}
