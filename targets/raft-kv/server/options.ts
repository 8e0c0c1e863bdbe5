/**
 * Server command line. Flags:
 *
 * --id n1                      this node's name
 * --listen 127.0.0.1:7001      client HTTP address
 * --peer-listen 127.0.0.1:7101 address to accept peer connections on
 * --peers n2=h:p,n3=h:p        the address THIS node dials to reach each other member
 * --data-dir DIR               log, term/vote and snapshot files
 * --read-mode MODE             log | read-index (default) | lease | local | follower | session
 * --no-fsync                   fault switch: do not fsync; hold writes in memory up to 1 s
 * --no-fsync-hold-ms MS        with --no-fsync: how long writes are held (default 1000; 0: write at once)
 * --ack-before-commit          fault switch: acknowledge writes once appended on the leader
 * --txn-mode MODE              atomic (default) | split: fault switch, each micro-op of a transaction
 *                              is its own log entry, so other transactions interleave with it
 * --exit-after-ms MS           fault switch: the process exits by itself with code 3 after MS ms
 * --replication MODE           raft (default) | leaderless: every node serves reads and writes alone,
 *                              replicating in the background and by anti-entropy (leaderless/)
 * --lww-clock CLOCK            leaderless: hlc (default) | wall: fault switch, versions stamped by the
 *                              skewable wall clock instead of the hybrid logical clock
 * --anti-entropy-ms MS         leaderless: how often each node sends every peer its digest (default 500)
 * --clock-offset-file FILE     milliseconds added to the wall clock, re-read every 50 ms
 * --election-timeout MS        base election timeout (default 500)
 * --heartbeat-interval MS      (default 50)
 * --snapshot-every N           snapshot after N applied entries (default 10000)
 * --snapshot-keep N            log entries kept behind a snapshot for slow followers (default 2000)
 * --request-timeout MS         how long a client request may wait for commit (default 5000)
 */
import { parseArgs } from 'node:util';
import type { Address } from './peer-transport.js';

export const READ_MODES = ['log', 'read-index', 'lease', 'local', 'follower', 'session'] as const;
export type ReadMode = (typeof READ_MODES)[number];

export const TXN_MODES = ['atomic', 'split'] as const;
export type TxnMode = (typeof TXN_MODES)[number];

export const REPLICATIONS = ['raft', 'leaderless'] as const;
export type Replication = (typeof REPLICATIONS)[number];

export const LWW_CLOCKS = ['hlc', 'wall'] as const;
export type LwwClock = (typeof LWW_CLOCKS)[number];

/** Parsed server settings. */
export interface ServerOptions {
  id: string;
  listen: Address;
  peerListen: Address;
  peers: Map<string, Address>;
  dataDir: string;
  readMode: ReadMode;
  fsync: boolean;
  /** With fsync off, how long writes wait in memory before reaching the file (0: at once). */
  noFsyncHoldMs: number;
  ackBeforeCommit: boolean;
  txnMode: TxnMode;
  checkQuorum: boolean;
  clockOffsetFile?: string;
  electionTimeout: number;
  heartbeatInterval: number;
  snapshotEvery: number;
  snapshotKeep: number;
  requestTimeout: number;
  /** Fault switch: exit by itself (code 3) this many ms after starting; 0 = never. */
  exitAfterMs: number;
  replication: Replication;
  /** Leaderless: what stamps versions (`wall` is a fault switch). */
  lwwClock: LwwClock;
  /** Leaderless: the anti-entropy period. */
  antiEntropyMs: number;
}

function oneOf<T extends string>(flag: string, text: string, values: readonly T[]): T {
  if (!(values as readonly string[]).includes(text)) throw new Error(`${flag} ${text}: expected one of ${values.join(', ')}`);
  return text as T;
}

function address(flag: string, text: string): Address {
  const i = text.lastIndexOf(':');
  const port = Number(text.slice(i + 1));
  if (i <= 0 || !Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`${flag} ${text}: expected host:port`);
  return { host: text.slice(0, i), port };
}

function positive(flag: string, text: string | undefined, def: number): number {
  if (text === undefined) return def;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} ${text}: expected a positive integer`);
  return n;
}

/** Parses argv; throws an Error with a one-line message on bad input. */
export function parseServerArgs(argv: string[]): ServerOptions {
  const { values: v } = parseArgs({
    args: argv,
    strict: true,
    options: {
      id: { type: 'string' },
      listen: { type: 'string' },
      'peer-listen': { type: 'string' },
      peers: { type: 'string', default: '' },
      'data-dir': { type: 'string' },
      'read-mode': { type: 'string', default: 'read-index' },
      'no-fsync': { type: 'boolean', default: false },
      'no-fsync-hold-ms': { type: 'string' },
      'ack-before-commit': { type: 'boolean', default: false },
      'txn-mode': { type: 'string', default: 'atomic' },
      'no-check-quorum': { type: 'boolean', default: false },
      'clock-offset-file': { type: 'string' },
      'election-timeout': { type: 'string' },
      'heartbeat-interval': { type: 'string' },
      'snapshot-every': { type: 'string' },
      'snapshot-keep': { type: 'string' },
      'request-timeout': { type: 'string' },
      'exit-after-ms': { type: 'string' },
      replication: { type: 'string', default: 'raft' },
      'lww-clock': { type: 'string', default: 'hlc' },
      'anti-entropy-ms': { type: 'string' },
    },
  });
  for (const req of ['id', 'listen', 'peer-listen', 'data-dir'] as const) {
    if (!v[req]) throw new Error(`--${req} is required`);
  }
  if (!(READ_MODES as readonly string[]).includes(v['read-mode']!)) {
    throw new Error(`--read-mode ${v['read-mode']}: expected one of ${READ_MODES.join(', ')}`);
  }
  if (!(TXN_MODES as readonly string[]).includes(v['txn-mode']!)) {
    throw new Error(`--txn-mode ${v['txn-mode']}: expected one of ${TXN_MODES.join(', ')}`);
  }
  const peers = new Map<string, Address>();
  for (const item of v.peers!.split(',').filter(Boolean)) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new Error(`--peers ${item}: expected name=host:port`);
    peers.set(item.slice(0, eq), address('--peers', item.slice(eq + 1)));
  }
  if (peers.has(v.id!)) throw new Error(`--peers names this node (${v.id}) itself`);
  const replication = oneOf('--replication', v.replication!, REPLICATIONS);
  const lwwClock = oneOf('--lww-clock', v['lww-clock']!, LWW_CLOCKS);
  if (lwwClock === 'wall' && replication !== 'leaderless') throw new Error('--lww-clock wall: only with --replication leaderless');
  return {
    id: v.id!,
    listen: address('--listen', v.listen!),
    peerListen: address('--peer-listen', v['peer-listen']!),
    peers,
    dataDir: v['data-dir']!,
    readMode: v['read-mode'] as ReadMode,
    fsync: !v['no-fsync'],
    noFsyncHoldMs: v['no-fsync-hold-ms'] === '0' ? 0 : positive('--no-fsync-hold-ms', v['no-fsync-hold-ms'], 1_000),
    ackBeforeCommit: v['ack-before-commit']!,
    txnMode: v['txn-mode'] as TxnMode,
    checkQuorum: !v['no-check-quorum'],
    clockOffsetFile: v['clock-offset-file'],
    electionTimeout: positive('--election-timeout', v['election-timeout'], 500),
    heartbeatInterval: positive('--heartbeat-interval', v['heartbeat-interval'], 50),
    snapshotEvery: positive('--snapshot-every', v['snapshot-every'], 10_000),
    snapshotKeep: v['snapshot-keep'] === '0' ? 0 : positive('--snapshot-keep', v['snapshot-keep'], 2000),
    requestTimeout: positive('--request-timeout', v['request-timeout'], 5_000),
    exitAfterMs: v['exit-after-ms'] === undefined ? 0 : positive('--exit-after-ms', v['exit-after-ms'], 0),
    replication,
    lwwClock,
    antiEntropyMs: positive('--anti-entropy-ms', v['anti-entropy-ms'], 500),
  };
}
