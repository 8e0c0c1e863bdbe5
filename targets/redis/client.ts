/**
 * The Redis client the harness opens per worker: a `PrimaryConnection` (ioredis following Sentinel's
 * view of the primary) and, per op, the batch of commands.ts, sent in one write. The `node` a worker
 * is bound to only decides which Sentinel it asks first: every client writes to and reads from the
 * primary, as Redis applications do.
 */
import type { Client } from '../../src/core/client.js';
import type { Completion, Op } from '../../src/core/op.js';
import type { ClientContext, NodeRef } from '../../src/core/target.js';
import { planOp } from './commands.js';
import { PrimaryConnection } from './connection.js';
import type { RedisOptions } from './options.js';

/** How long an op waits for a primary connection before failing unsent (below the default op timeout). */
export const READY_WAIT_MS = 1_000;

/** Opens a client whose home Sentinel is `node`'s. */
export function redisClient(node: NodeRef, ctx: ClientContext<RedisOptions>): Client {
  const conn = new PrimaryConnection(node, ctx.nodes, { failoverDetector: ctx.opts['failover-detector'], readyWaitMs: READY_WAIT_MS });
  const write = { wait: ctx.opts.wait, waitTimeoutMs: ctx.opts['wait-timeout-ms'] };
  return {
    async invoke(op: Op, signal: AbortSignal): Promise<Completion> {
      const plan = planOp(op, ctx.workload, write);
      const replies = await conn.exchange(plan.commands, signal, plan.readOnly);
      return plan.complete(replies);
    },
    async close() {
      conn.close();
    },
  };
}
