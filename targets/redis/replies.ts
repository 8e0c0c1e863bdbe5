/**
 * Reading Redis replies as op outcomes, shared by the single-command ops and the transactions (see
 * commands.ts for the rules): values back as the workload wrote them, errors as definite or not, and
 * the WAIT that may follow a write.
 */
import { ClientError } from '../../src/core/errors.js';
import type { Completion } from '../../src/core/op.js';
import { errorKind, type Command, type Reply } from './connection.js';

/** What the client does after writes. */
export interface WriteOptions {
  /** Replicas to WAIT for after each write (0: none). */
  wait: number;
  waitTimeoutMs: number;
}

/** One op's batch (sent in one write) and how to read its replies. */
export interface OpPlan {
  commands: Command[];
  readOnly: boolean;
  complete(replies: readonly Reply[]): Completion;
}

/** A stored string as the value the workload wrote: integers back as numbers. */
export function decode(s: unknown): unknown {
  if (s === null || s === undefined) return null;
  const t = String(s);
  return /^-?\d{1,15}$/.test(t) ? Number(t) : t;
}

/** A value as stored: strings as they are, anything else as JSON (integers as digits). */
export const encode = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** The value of a reply, or the error it carries as a `ClientError` (see the module header). */
export function valueOf(reply: Reply | undefined, readOnly: boolean): unknown {
  if (!reply) throw new ClientError('missing reply', readOnly);
  const [err, value] = reply;
  if (!err) return value;
  const kind = errorKind(err);
  if (kind === 'refused') throw new ClientError(err.message, true);
  if (kind === 'unsent') throw new ClientError(`not-connected: ${err.message}`, true);
  throw new ClientError(`connection lost: ${err.message}`, readOnly);
}

/** The WAIT that follows a write, or nothing. */
export const waitCommand = (o: WriteOptions): Command[] => (o.wait > 0 ? [['wait', o.wait, o.waitTimeoutMs]] : []);

/** `ok` as is, or `info` when the trailing WAIT heard from too few replicas. */
export function afterWait(replies: readonly Reply[], o: WriteOptions, ok: Completion): Completion {
  if (o.wait === 0) return ok;
  const acked = Number(valueOf(replies.at(-1), false));
  return acked >= o.wait ? ok : { type: 'info', value: ok.value, error: `wait: ${acked} of ${o.wait} replicas acknowledged in ${o.waitTimeoutMs} ms` };
}

