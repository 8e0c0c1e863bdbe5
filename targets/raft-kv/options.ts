/**
 * `--target-opt` settings of raft-kv (values arrive as strings) and how they become server flags.
 */
import { z } from 'zod';
import { boolOpt } from '../../src/core/options.js';
import { LWW_CLOCKS, READ_MODES, REPLICATIONS, TXN_MODES } from './server/options.js';

export const raftKvOptionsSchema = z.strictObject({
  'read-mode': z.enum(READ_MODES).default('read-index').describe('how reads are served; targets/raft-kv/README.md gives the consistency of each mode'),
  fsync: boolOpt(true).describe('fsync before acknowledging; false is a fault switch (writes held in memory up to no-fsync-hold-ms)'),
  'no-fsync-hold-ms': z.coerce.number().int().min(0).default(1_000).describe('with fsync=false: how long writes wait in process memory before reaching the file; 0 writes at once, like a system that merely skips fsync (kill -9 then loses nothing, a power loss does)'),
  'ack-before-commit': boolOpt(false).describe('fault switch: acknowledge writes once the leader has them durably, before commit'),
  'txn-mode': z.enum(TXN_MODES).default('atomic').describe("fault switch 'split': each micro-op of a transaction its own log entry, so other transactions interleave with its parts"),
  'check-quorum': boolOpt(true).describe('check-quorum: an isolated leader steps down; false is a fault switch'),
  'election-timeout': z.coerce.number().int().positive().default(500).describe('election timeout, ms'),
  'heartbeat-interval': z.coerce.number().int().positive().default(50).describe('leader heartbeat interval, ms'),
  'snapshot-every': z.coerce.number().int().positive().default(10_000).describe('snapshot the state machine every this many log entries'),
  'request-timeout': z.coerce.number().int().positive().default(5_000).describe('how long a node holds a client request waiting for commit before answering timeout, ms'),
  'crash-after': z.coerce.number().min(0).default(0).describe('fault switch: node crash-node exits by itself (code 3) this many seconds after it starts; 0 = never'),
  'crash-node': z.string().regex(/^n\d+$/, 'expected a node name such as n1').default('n1').describe('the node crash-after applies to'),
  replication: z.enum(REPLICATIONS).default('raft').describe('raft, or leaderless: an AP mode where every node serves reads and writes alone (LWW registers on hybrid logical clocks, grow-only sets, PN-counters, anti-entropy; no cas, append or txn); read-mode does not apply'),
  'lww-clock': z.enum(LWW_CLOCKS).default('hlc').describe('with replication=leaderless: what stamps versions; wall is a fault switch (the skewable wall clock: acknowledged writes lost under clock skew)'),
  'anti-entropy-ms': z.coerce.number().int().positive().default(500).describe('with replication=leaderless: how often each node exchanges digests with every peer, ms'),
}).superRefine((o, ctx) => {
  if (o['lww-clock'] === 'wall' && o.replication !== 'leaderless') ctx.addIssue({ code: 'custom', path: ['lww-clock'], message: 'only with replication=leaderless' });
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
    '--txn-mode', opts['txn-mode'],
  ];
  if (opts.replication === 'leaderless') out.push('--replication', 'leaderless', '--lww-clock', opts['lww-clock'], '--anti-entropy-ms', String(opts['anti-entropy-ms']));
  if (!opts.fsync) out.push('--no-fsync', '--no-fsync-hold-ms', String(opts['no-fsync-hold-ms']));
  if (opts['ack-before-commit']) out.push('--ack-before-commit');
  if (!opts['check-quorum']) out.push('--no-check-quorum');
  if (opts['crash-after'] > 0 && node === opts['crash-node']) out.push('--exit-after-ms', String(Math.max(1, Math.round(opts['crash-after'] * 1000))));
  return out;
}
