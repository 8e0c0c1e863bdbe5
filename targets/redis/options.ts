/**
 * The `--target-opt` settings of the Redis target: the binary, the server's durability and
 * replication guards (`min-replicas-to-write`), Sentinel's failover timing, and what the client does
 * after each write (`wait`) and how closely it follows Sentinel (`failover-detector`).
 */
import { z } from 'zod';
import { boolOpt } from '../../src/core/options.js';

const int = (min: number) => z.coerce.number().int().min(min);

export const redisOptionsSchema = z.strictObject({
  binary: z.string().default('redis-server').describe('the redis-server binary (a name on PATH or a path); it runs Sentinel too'),
  wait: int(0).default(0).describe('after each write, WAIT for this many replicas on the same connection; fewer in time makes the write info (0: no WAIT)'),
  'wait-timeout-ms': int(1).default(1000).describe('the WAIT timeout, ms (keep it below --op-timeout)'),
  'min-replicas-to-write': int(0).default(0).describe('the primary refuses writes (NOREPLICAS) unless this many replicas acked within min-replicas-max-lag'),
  'min-replicas-max-lag': int(1).default(10).describe('seconds since a replica\'s last ack for it to count toward min-replicas-to-write'),
  'down-after-ms': int(100).default(5000).describe('Sentinel down-after-milliseconds: how long the primary must not answer before a failover starts'),
  'failover-timeout-ms': int(1000).default(10_000).describe('Sentinel failover-timeout, ms'),
  appendonly: boolOpt(true).describe('AOF persistence (appendfsync everysec), so a node killed -9 restarts with its data; false: no persistence at all'),
  'failover-detector': boolOpt(false).describe('clients also subscribe to Sentinel\'s +switch-master and drop their primary at once (ioredis failoverDetector); false: they ask Sentinel only when they (re)connect'),
});
export type RedisOptions = z.infer<typeof redisOptionsSchema>;

/** Sentinel's name for the monitored primary. */
export const MASTER_NAME = 'faultline';
