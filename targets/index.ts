/**
 * The target registry. CLI choices, help text and `faultline list` are derived from it.
 */
import type { Target } from '../src/core/target.js';
import { etcdTarget } from './etcd/index.js';
import { raftKvTarget } from './raft-kv/index.js';
import { redisTarget } from './redis/index.js';

/** Every target, by name. */
export const targets: Record<string, Target<any>> = {
  'raft-kv': raftKvTarget,
  etcd: etcdTarget,
  redis: redisTarget,
};

/** What `faultline run` uses when no --target is given. */
export const defaultTarget = 'raft-kv';
