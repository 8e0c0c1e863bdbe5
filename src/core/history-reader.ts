/**
 * Reads JSONL histories, streamed or from text. Each line must be one op; a malformed line is
 * reported as `file:line: what was expected`. Only a last line that no newline ends is torn (a run
 * killed mid-write): if it does not parse it is dropped with a warning; a complete line that does
 * not parse is an error. Integers are read exactly (see exact-json.ts).
 */
import { z } from 'zod';
import { UserError } from './errors.js';
import { parseExactJson } from './exact-json.js';
import { linesOfFile, linesOfText, type HistoryLine } from './history-lines.js';
import type { Op } from './op.js';

const opSchema = z.looseObject({
  index: z.number().int().nonnegative(),
  time: z.number().nonnegative(),
  process: z.union([z.number().int().nonnegative(), z.literal('nemesis')]),
  type: z.enum(['invoke', 'ok', 'fail', 'info']),
  f: z.string(),
  value: z.unknown(),
  key: z.string().optional(),
  node: z.string().optional(),
  error: z.string().optional(),
});

/** Describes the first problem zod found, e.g. `field "type": expected one of invoke|ok|fail|info`. */
function describeIssue(err: z.ZodError): string {
  const issue = err.issues[0];
  const path = issue.path.length ? `field "${issue.path.join('.')}"` : 'record';
  return `${path}: ${issue.message}`;
}

/** Parses one history line; throws a plain Error with the reason (no location). */
export function parseOpLine(line: string): Op {
  let raw: unknown;
  try {
    raw = parseExactJson(line);
  } catch {
    throw new Error('expected one JSON object per line');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('expected a JSON object');
  const r = opSchema.safeParse(raw);
  if (!r.success) throw new Error(`expected an op: ${describeIssue(r.error)}`);
  const op = r.data as Op;
  if (op.value === undefined) op.value = null;
  return op;
}

export interface ReadOptions {
  /** Called with `file:line: …` for a dropped torn last line. */
  onWarning?(msg: string): void;
}

/** A history with the source line of each op (`lines[i]` is the line of `ops[i]`). */
export interface HistoryWithLines {
  ops: Op[];
  lines: number[];
}

/** The op on `l`, or undefined for a blank line or a torn last line (after warning about it). */
function opOfLine(file: string, l: HistoryLine, opts: ReadOptions): Op | undefined {
  if (l.text.trim() === '') return undefined;
  try {
    return parseOpLine(l.text);
  } catch (e) {
    const why = (e as Error).message;
    if (l.terminated) throw new UserError(`${file}:${l.line}: ${why}`);
    opts.onWarning?.(`${file}:${l.line}: torn last line ignored (${why}, and no newline ends it); the run was probably killed mid-write`);
    return undefined;
  }
}

/** Streams the ops of a history file with their line numbers. Throws `UserError` (`file:line: …`). */
export async function* streamHistoryLines(file: string, opts: ReadOptions = {}): AsyncGenerator<{ op: Op; line: number }> {
  const lines = linesOfFile(file);
  for (;;) {
    let next: IteratorResult<HistoryLine>;
    try {
      next = await lines.next();
    } catch (e) {
      throw new UserError(`${file}: cannot read history (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    if (next.done) return;
    const op = opOfLine(file, next.value, opts);
    if (op) yield { op, line: next.value.line };
  }
}

/** Streams the ops of a history file. Throws `UserError` (`file:line: …`) on a malformed line. */
export async function* streamHistory(file: string, opts: ReadOptions = {}): AsyncGenerator<Op> {
  for await (const { op } of streamHistoryLines(file, opts)) yield op;
}

/** Reads a whole history file into memory, with each op's line. */
export async function readHistoryWithLines(file: string, opts: ReadOptions = {}): Promise<HistoryWithLines> {
  const out: HistoryWithLines = { ops: [], lines: [] };
  for await (const { op, line } of streamHistoryLines(file, opts)) {
    out.ops.push(op);
    out.lines.push(line);
  }
  return out;
}

/** Reads a whole history file into memory. */
export async function readHistory(file: string, opts: ReadOptions = {}): Promise<Op[]> {
  return (await readHistoryWithLines(file, opts)).ops;
}

/** Parses a history held in memory (`file` names it in messages), with the same rules. */
export function parseHistoryText(file: string, text: string, opts: ReadOptions = {}): HistoryWithLines {
  const out: HistoryWithLines = { ops: [], lines: [] };
  for (const l of linesOfText(text)) {
    const op = opOfLine(file, l, opts);
    if (!op) continue;
    out.ops.push(op);
    out.lines.push(l.line);
  }
  return out;
}
