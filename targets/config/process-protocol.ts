/**
 * The JSON-lines protocol between faultline and a client process written in any language
 * (docs/process-client-protocol.md is the user's reference). faultline writes each op as one line,
 *   {"id": 7, "f": "cas", "key": "3", "value": [1, 2], "node": "n2"}
 * and the process answers each completion as one line, in any order:
 *   {"id": 7, "type": "ok"}  |  {"id": 7, "type": "fail", "error": "cas-mismatch"}  |  {"id": 7, "type": "info", "error": "…"}
 * with `value` where the op returns one (a read's value; absent: the op's own value is recorded).
 * Before the first op, a process is sent `{"id": 0, "f": "init", "node": "n2", "nodes": {"n1": "127.0.0.1:2379", …}}`
 * and must answer it `ok` once it is ready to take ops, so its start-up time does not count against
 * an op's timeout. Integers travel exactly (beyond 2^53 too). Anything else on stdout is a malformed line.
 */
import { z } from 'zod';
import { parseExactJson, stringifyExactJson } from '../../src/core/exact-json.js';
import type { Completion, Op } from '../../src/core/op.js';

/** One op as written to the process. */
export interface OpLine {
  id: number;
  f: string;
  key?: string;
  value: unknown;
  node: string;
}

/** The line for `op` (its request id `id`) sent to a process bound to `node`. */
export function opLine(id: number, op: Pick<Op, 'f' | 'key' | 'value'>, node: string): string {
  const line: OpLine = { id, f: op.f, ...(op.key === undefined ? {} : { key: op.key }), value: op.value ?? null, node };
  return stringifyExactJson(line) + '\n';
}

/** The init line: the node the process is bound to and every node's client address (`host:port`). */
export function initLine(id: number, node: string, nodes: Readonly<Record<string, string>>): string {
  return stringifyExactJson({ id, f: 'init', node, nodes }) + '\n';
}

const answerSchema = z.strictObject({
  id: z.number().int().nonnegative(),
  type: z.enum(['ok', 'fail', 'info']),
  value: z.unknown().optional(),
  error: z.string().max(10_000).optional(),
});

/** An answer line, read: the request id and its completion, or why the line is malformed. */
export type Answer = { id: number; completion: Completion } | { malformed: string };

/** Reads one line a client process wrote. */
export function parseAnswer(line: string): Answer {
  let json: unknown;
  try {
    json = parseExactJson(line);
  } catch {
    return { malformed: 'not JSON' };
  }
  const r = answerSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    return { malformed: `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}` };
  }
  const { id, type, value, error } = r.data;
  return { id, completion: { type, ...(value === undefined ? {} : { value }), ...(error === undefined ? {} : { error }) } };
}

/** `line` cut to at most `max` characters for a log or an op's error. */
export function clip(line: string, max = 200): string {
  return line.length <= max ? line : `${line.slice(0, max)}… (${line.length} characters)`;
}
