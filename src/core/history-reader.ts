/**
 * Reads JSONL histories as a stream. Each line must be one op; a malformed line is reported as
 * `file:line: what was expected`. A torn last line (a run killed mid-write) is dropped with a warning.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { UserError } from './errors.js';
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
    raw = JSON.parse(line);
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

/** Streams the ops of a history file. Throws `UserError` (`file:line: …`) on a malformed line. */
export async function* streamHistory(file: string, opts: ReadOptions = {}): AsyncGenerator<Op> {
  const input = createReadStream(file, { encoding: 'utf8' });
  let failure: unknown;
  input.on('error', (e) => (failure = e));
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  // A bad line is only fatal if another line follows it; otherwise it is a torn tail.
  let pending: { lineNo: number; error: string } | undefined;
  try {
    for await (const line of lines) {
      lineNo++;
      if (pending) throw new UserError(`${file}:${pending.lineNo}: ${pending.error}`);
      if (line.trim() === '') continue;
      try {
        yield parseOpLine(line);
      } catch (e) {
        if (e instanceof UserError) throw e;
        pending = { lineNo, error: (e as Error).message };
      }
    }
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`${file}: cannot read history (${code ?? (e as Error).message})`);
  }
  if (failure) {
    const code = (failure as NodeJS.ErrnoException).code;
    throw new UserError(`${file}: cannot read history (${code ?? (failure as Error).message})`);
  }
  if (pending) {
    opts.onWarning?.(`${file}:${pending.lineNo}: torn last line ignored (${pending.error}); the run was probably killed mid-write`);
  }
}

/** Reads a whole history file into memory. */
export async function readHistory(file: string, opts: ReadOptions = {}): Promise<Op[]> {
  const ops: Op[] = [];
  for await (const op of streamHistory(file, opts)) ops.push(op);
  return ops;
}
