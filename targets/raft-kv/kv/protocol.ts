/**
 * The raft-kv client protocol: what a client sends (`KvRequest`) and what it gets back (`KvReply`),
 * shared by the server and the faultline client. Requests are validated with zod on arrival; a request
 * that does not parse is refused with a definite `bad-request` and changes nothing.
 *
 * Every request names its client session and a per-client sequence number. The state machine applies
 * a write with a given (client, seq) at most once, however often it is retried, and answers a retry
 * with the result it recorded the first time.
 *
 * Besides registers (`write`, `cas`, `append`) a key may hold a set (`add` an element; elements kept
 * sorted, see set-elements.ts) or a counter (`incr` by an integer, negative to decrement). A key's
 * kind is fixed by the first single-key op that creates it; an op of another kind on it fails
 * definitely with `wrong-type`. `read` returns whatever the key holds: a register's value, a set as
 * its sorted array of elements, a counter as a number, null when absent.
 *
 * Session reads: a request may carry `after`, the highest log index the client has seen in any reply
 * (every ok or fail reply carries the `index` it reflects). In `read-mode=session` a node answers a
 * read only once it has applied at least `after`.
 */
import { z } from 'zod';

/** A JSON value stored under a key. */
const value = z.union([z.number(), z.string(), z.boolean(), z.null(), z.array(z.unknown()), z.record(z.string(), z.unknown())]);

/** A micro-op of a transaction: read, write, or append to the list under a key (Jepsen's list-append shape). */
/**
 * The client ops the target declares with `replication=leaderless`: no `append` or `txn` (they need
 * agreement). `cas` stays: a node answers it with a definite `unsupported` refusal, a `fail` every
 * checker drops, so the register workload still tests reads and writes there (as `faultline cap`
 * compares it across configurations); a workload made only of transactions would test nothing.
 */
export const LEADERLESS_OPS = ['read', 'write', 'cas', 'add', 'incr'] as const;

export const microOpSchema = z.union([
  z.tuple([z.literal('r'), z.string(), z.unknown()]),
  z.tuple([z.literal('w'), z.string(), value]),
  z.tuple([z.literal('append'), z.string(), value]),
]);
export type MicroOp = z.infer<typeof microOpSchema>;

const session = {
  client: z.string().min(1).max(200),
  seq: z.number().int().nonnegative(),
  /** The highest index the client has seen in a reply (session reads); absent: 0. */
  after: z.number().int().nonnegative().optional(),
};

/** One client request. */
export const kvRequestSchema = z.discriminatedUnion('f', [
  z.object({ ...session, f: z.literal('read'), key: z.string() }),
  z.object({ ...session, f: z.literal('write'), key: z.string(), value }),
  z.object({ ...session, f: z.literal('cas'), key: z.string(), value: z.tuple([value, value]) }),
  z.object({ ...session, f: z.literal('append'), key: z.string(), value }),
  z.object({ ...session, f: z.literal('txn'), value: z.array(microOpSchema).min(1).max(1000) }),
  z.object({ ...session, f: z.literal('add'), key: z.string(), value }),
  z.object({ ...session, f: z.literal('incr'), key: z.string(), value: z.number().int() }),
]);
export type KvRequest = z.infer<typeof kvRequestSchema>;

/**
 * The outcome of an operation that reached the state machine. A reply also carries `index`: the log
 * index (Raft) or local change count (leaderless) of the state the outcome reflects.
 */
export type KvResult = ({ type: 'ok'; value?: unknown } | { type: 'fail'; error: string }) & { index?: number };

/** Errors a node answers with; `definite` says the operation certainly did not take effect. */
export type KvErrorReply =
  | { error: 'not-leader'; leader: string | null; definite: true }
  | { error: 'bad-request'; message: string; definite: true }
  | { error: 'unsupported'; message: string; definite: true }
  | { error: 'timeout' | 'leadership-lost' | 'shutting-down'; definite: false };

export type KvReply = KvResult | KvErrorReply;

/** HTTP status for each reply. */
export function httpStatus(reply: KvReply): number {
  if ('type' in reply) return 200;
  switch (reply.error) {
    case 'not-leader':
      return 421;
    case 'bad-request':
      return 400;
    case 'unsupported':
      return 501;
    default:
      return 503;
  }
}

/** What `GET /status` answers. */
export interface NodeStatus {
  id: string;
  role: string;
  term: number;
  leader: string | null;
  commit: number;
  applied: number;
  lastIndex: number;
  snapshotIndex: number;
  readMode: string;
  /** The offset the node's skewable wall clock currently applies, milliseconds (clock nemesis). */
  clockOffsetMs: number;
  /** `raft`, or `leaderless` (then role is 'leaderless', term 0, no leader; the indices count journal records). */
  replication?: string;
}
