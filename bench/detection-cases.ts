/**
 * The planted bugs whose detection rate `bench/detection.ts` measures, and the safe configurations
 * that must stay valid: each a `faultline run` configuration with the verdict it must reach. Every
 * bug row runs with the default fault mix (no `--nemesis`), as a user who runs the defaults would.
 */

export interface DetectionCase {
  /** Short name for the table. */
  name: string;
  /** The verdict it must reach: invalid for a planted bug, valid for a safe configuration. */
  expect: 'valid' | 'invalid';
  /** Arguments to `faultline run` (target, target options, nemeses when not the default). */
  args: string[];
}

const raftKv = (...opts: string[]) => ['--target', 'raft-kv', ...opts.flatMap((o) => ['--target-opt', o])];

export const DETECTION_CASES: DetectionCase[] = [
  { name: 'raft-kv read-mode=local', expect: 'invalid', args: raftKv('read-mode=local') },
  { name: 'raft-kv read-mode=local check-quorum=false', expect: 'invalid', args: raftKv('read-mode=local', 'check-quorum=false') },
  { name: 'raft-kv read-mode=lease', expect: 'invalid', args: raftKv('read-mode=lease') },
  { name: 'raft-kv read-mode=lease check-quorum=false', expect: 'invalid', args: raftKv('read-mode=lease', 'check-quorum=false') },
  { name: 'raft-kv read-mode=follower', expect: 'invalid', args: raftKv('read-mode=follower') },
  { name: 'raft-kv fsync=false', expect: 'invalid', args: raftKv('fsync=false') },
  { name: 'raft-kv fsync=false no-fsync-hold-ms=0', expect: 'invalid', args: raftKv('fsync=false', 'no-fsync-hold-ms=0') },
  { name: 'raft-kv ack-before-commit=true', expect: 'invalid', args: raftKv('ack-before-commit=true') },
  { name: 'etcd serializable-reads=true', expect: 'invalid', args: ['--target', 'etcd', '--target-opt', 'serializable-reads=true'] },
  // On the local runtime etcd cannot be partitioned (one shared peer list), so only pauses and kills
  // open its stale windows; in network namespaces the default mix partitions it too (needs root).
  { name: 'etcd serializable-reads=true (netns)', expect: 'invalid', args: ['--target', 'etcd', '--runtime', 'netns', '--target-opt', 'serializable-reads=true'] },
  { name: 'raft-kv safe (read-index, fsync)', expect: 'valid', args: raftKv() },
];
