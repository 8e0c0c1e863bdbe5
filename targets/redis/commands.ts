/**
 * What each op sends to Redis and how its replies become a completion. Pure: `planOp` turns an op
 * into one batch of commands (sent in one write on one connection) and a function of the replies.
 *
 * | workload            | op                          | commands                                  |
 * |---------------------|-----------------------------|-------------------------------------------|
 * | register            | read / write / cas          | GET / SET / EVAL of a compare-and-set Lua script (atomic on the server) |
 * | set                 | add / read                  | SADD / SMEMBERS (read: the elements, sorted) |
 * | counter             | incr / read                 | INCRBY / GET (read of an absent key: 0)   |
 * | list-append         | txn of append, r            | MULTI, RPUSH / LRANGE 0 -1, …, EXEC        |
 * | rw-register         | txn of w, r                 | MULTI, SET / GET, …, EXEC                  |
 *
 * With `wait` > 0 every batch that writes ends with `WAIT wait timeout`, on the same connection as the
 * write (WAIT counts the replicas that acknowledged this connection's writes). Fewer replicas than
 * asked in time: the write is on the primary but may still be lost, so the op is `info`.
 *
 * Outcomes: a server error reply (READONLY from a demoted primary, NOREPLICAS under
 * `min-replicas-to-write`, EXECABORT) means the server did not apply the command: `fail`. A command
 * ioredis refused unsent: `fail`. A reply lost with the connection: `info` for a write, `fail` for a
 * read (a read has no effect). A transaction whose EXEC reports an error for one of its commands ran
 * the others: `info`.
 */
import { ClientError } from '../../src/core/errors.js';
import type { Completion, Op } from '../../src/core/op.js';
import type { Command, Reply } from './connection.js';
import { afterWait, decode, encode, valueOf, waitCommand, type OpPlan, type WriteOptions } from './replies.js';
import { planTxnOp } from './txn.js';

/** Compare-and-set: SET KEYS[1] ARGV[2] if it holds ARGV[1]; 1 if it did, else 0. */
export const CAS_SCRIPT = "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end return 0";

/** The client ops the Redis client serves. */
export const REDIS_OPS = ['read', 'write', 'cas', 'add', 'incr', 'txn'] as const;

export type { OpPlan, WriteOptions } from './replies.js';

function keyOf(op: Op): string {
  if (typeof op.key !== 'string') throw new ClientError(`${op.f} op ${op.index} has no key`, true);
  return op.key;
}

/** A write op: `command`, then WAIT; ok when the write's reply is not an error. */
function write(command: Command, o: WriteOptions, ok: (v: unknown) => Completion): OpPlan {
  return {
    commands: [command, ...waitCommand(o)],
    readOnly: false,
    complete: (r) => {
      const done = ok(valueOf(r[0], false));
      return done.type === 'ok' ? afterWait(r, o, done) : done;
    },
  };
}

const read = (command: Command, as: (v: unknown) => unknown): OpPlan => ({
  commands: [command],
  readOnly: true,
  complete: (r) => ({ type: 'ok', value: as(valueOf(r[0], true)) }),
});

/** Set elements as the workload wrote them, in order. */
export const members = (v: unknown): unknown[] =>
  (Array.isArray(v) ? v.map(decode) : []).sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))));

/** The batch for `op` under `workload` (register semantics when none is named). */
export function planOp(op: Op, workload: string | undefined, o: WriteOptions): OpPlan {
  if (op.f === 'txn') return planTxnOp(op, workload === 'rw-register' ? 'register' : 'list', o);
  const key = keyOf(op);
  switch (op.f) {
    case 'read':
      if (workload === 'set') return read(['smembers', key], members);
      if (workload === 'counter') return read(['get', key], (v) => (v === null ? 0 : decode(v)));
      return read(['get', key], decode);
    case 'write':
      return write(['set', key, encode(op.value)], o, () => ({ type: 'ok' }));
    case 'add':
      return write(['sadd', key, encode(op.value)], o, () => ({ type: 'ok' }));
    case 'incr':
      return write(['incrby', key, Number(op.value)], o, () => ({ type: 'ok' }));
    case 'cas': {
      const v = op.value;
      if (!Array.isArray(v) || v.length !== 2) throw new ClientError(`cas op ${op.index}: expected [from, to], found ${JSON.stringify(v)}`, true);
      return write(['eval', CAS_SCRIPT, 1, key, encode(v[0]), encode(v[1])], o, (r) => (Number(r) === 1 ? { type: 'ok' } : { type: 'fail', error: 'cas-mismatch' }));
    }
    default:
      throw new ClientError(`redis client: unknown op f=${op.f}`, true);
  }
}
