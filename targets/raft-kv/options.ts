/**
 * `--target-opt` settings of raft-kv (values arrive as strings) and how they become server flags.
 */
import { z } from 'zod';
import { boolOpt } from '../../src/core/options.js';
import { READ_MODES, TXN_MODES } from './server/options.js';

export const raftKvOptionsSchema = z.strictObject({
  /** How reads are served; see README.md for the consistency each mode gives. */
  'read-mode': z.enum(READ_MODES).default('read-index'),
  /** fsync before acknowledging; false is a fault switch (writes held in memory up to `no-fsync-hold-ms`). */
  fsync: boolOpt(true),
  /**
   * With fsync=false: how long writes wait in process memory before reaching the file. 0 writes them
   * at once, like a system that merely skips fsync: a kill -9 then loses nothing, a power loss does.
   */
  'no-fsync-hold-ms': z.coerce.number().int().min(0).default(1_000),
  /** Fault switch: acknowledge writes once the leader has them durably, before commit. */
  'ack-before-commit': boolOpt(false),
  /**
   * `split` is a fault switch: each micro-op of a transaction becomes its own log entry, so other
   * transactions interleave with its parts (fractured and intermediate reads, lost atomicity).
   */
  'txn-mode': z.enum(TXN_MODES).default('atomic'),
  /** Check-quorum (an isolated leader steps down); false is a fault switch. */
  'check-quorum': boolOpt(true),
  'election-timeout': z.coerce.number().int().positive().default(500),
  'heartbeat-interval': z.coerce.number().int().positive().default(50),
  'snapshot-every': z.coerce.number().int().positive().default(10_000),
  /** How long a node holds a client request waiting for commit before answering `timeout`. */
  'request-timeout': z.coerce.number().int().positive().default(5_000),
});
export type RaftKvOptions = z.infer<typeof raftKvOptionsSchema>;

/** Server flags for the settings in `opts`. */
export function serverFlags(opts: RaftKvOptions): string[] {
  const out = [
    '--read-mode', opts['read-mode'],
    '--election-timeout', String(opts['election-timeout']),
    '--heartbeat-interval', String(opts['heartbeat-interval']),
    '--snapshot-every', String(opts['snapshot-every']),
    '--request-timeout', String(opts['request-timeout']),
    '--txn-mode', opts['txn-mode'],
  ];
  if (!opts.fsync) out.push('--no-fsync', '--no-fsync-hold-ms', String(opts['no-fsync-hold-ms']));
  if (opts['ack-before-commit']) out.push('--ack-before-commit');
  if (!opts['check-quorum']) out.push('--no-check-quorum');
  return out;
}
