/**
 * `--target-opt` settings of raft-kv (values arrive as strings) and how they become server flags.
 */
import { z } from 'zod';
import { boolOpt } from '../../src/core/options.js';
import { READ_MODES } from './server/options.js';

export const raftKvOptionsSchema = z.strictObject({
  /** How reads are served; see README.md for the consistency each mode gives. */
  'read-mode': z.enum(READ_MODES).default('read-index'),
  /** fsync before acknowledging; false is a fault switch (writes held in memory up to 1 s). */
  fsync: boolOpt(true),
  /** Fault switch: acknowledge writes once the leader has them durably, before commit. */
  'ack-before-commit': boolOpt(false),
  /** Check-quorum (an isolated leader steps down); false is a fault switch. */
  'check-quorum': boolOpt(true),
  'election-timeout': z.coerce.number().int().positive().default(500),
  'heartbeat-interval': z.coerce.number().int().positive().default(50),
  'snapshot-every': z.coerce.number().int().positive().default(10_000),
  /** How long a node holds a client request waiting for commit before answering `timeout`. */
  'request-timeout': z.coerce.number().int().positive().default(5_000),
  /** Fault switch: node `crash-node` exits by itself (code 3) this many seconds after it starts; 0 = never. */
  'crash-after': z.coerce.number().min(0).default(0),
  /** The node `crash-after` applies to. */
  'crash-node': z.string().regex(/^n\d+$/, 'expected a node name such as n1').default('n1'),
});
export type RaftKvOptions = z.infer<typeof raftKvOptionsSchema>;

/** Server flags for the settings in `opts`, for node `node`. */
export function serverFlags(opts: RaftKvOptions, node?: string): string[] {
  const out = [
    '--read-mode', opts['read-mode'],
    '--election-timeout', String(opts['election-timeout']),
    '--heartbeat-interval', String(opts['heartbeat-interval']),
    '--snapshot-every', String(opts['snapshot-every']),
    '--request-timeout', String(opts['request-timeout']),
  ];
  if (!opts.fsync) out.push('--no-fsync');
  if (opts['ack-before-commit']) out.push('--ack-before-commit');
  if (!opts['check-quorum']) out.push('--no-check-quorum');
  if (opts['crash-after'] > 0 && node === opts['crash-node']) out.push('--exit-after-ms', String(Math.max(1, Math.round(opts['crash-after'] * 1000))));
  return out;
}
