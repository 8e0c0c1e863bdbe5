/**
 * A raft-kv session client: a client id, a sequence number per operation, and leader following.
 *
 * One operation keeps its sequence number across every attempt, so retrying it anywhere is safe:
 * the state machine applies a (client, seq) at most once. Attempts continue until a definite answer
 * or until the caller's signal aborts:
 *  - `not-leader` → try the hinted leader (or the next node);
 *  - connection refused → the request was not delivered; try the next node;
 *  - `timeout`, `leadership-lost`, a connection lost mid-request → the write may have been proposed;
 *    retry elsewhere, and from then on no error of this operation can be definite.
 * A read always starts at the client's home node, as in Jepsen, where each client is bound to one node:
 * a read mode that lets a follower or a deposed leader answer must be exercised on that node, not
 * hidden by following the leader. Writes start at the last leader seen.
 * Reads change nothing, so a read that gets no answer is always a definite failure.
 *
 * In leaderless mode (`leaderless: true`) there is no leader to follow and each node keeps its own
 * session table: every op starts at the home node, and once an attempt may have applied the op, it
 * is retried only at that node (another would apply it again); a node that refuses connections
 * before that is skipped for the next.
 *
 * The session also remembers the highest `index` any reply carried and sends it as `after` with every
 * request: in `read-mode=session` a node serves the read only once it has applied that index.
 */
import { randomUUID } from 'node:crypto';
import type { Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ClientError } from '../../../src/core/errors.js';
import type { NodeRef } from '../../../src/core/target.js';
import type { KvRequest, KvResult } from '../kv/protocol.js';
import { clientAgent, exchange } from './http-transport.js';

/** A request without its session fields. */
export type KvOperation = KvRequest extends infer R ? (R extends KvRequest ? Omit<R, 'client' | 'seq'> : never) : never;

export interface KvClientOptions {
  /** Most attempts per operation (default 100). */
  maxAttempts?: number;
  /** Session id (default: a random UUID). */
  clientId?: string;
  /**
   * Give up on one node after this long and try the next (default 1000 ms). The same sequence number
   * goes with every attempt, so a write that the slow node did apply is not applied twice.
   */
  attemptTimeoutMs?: number;
  /** The target runs replication=leaderless (see the module comment). */
  leaderless?: boolean;
}

export class KvClient {
  readonly clientId: string;
  private seq = 0;
  private seen = 0;
  private target: NodeRef;
  private readonly home: NodeRef;
  private readonly agent: Agent = clientAgent();

  /** @param nodes every node of the cluster; @param home the node tried first */
  constructor(
    private readonly nodes: readonly NodeRef[],
    home: NodeRef,
    private readonly opts: KvClientOptions = {},
  ) {
    this.clientId = opts.clientId ?? randomUUID();
    this.home = home;
    this.target = home;
  }

  /** The highest index seen in any reply of this session. */
  get seenIndex(): number {
    return this.seen;
  }

  /** The node the next attempt goes to. */
  get node(): NodeRef {
    return this.target;
  }

  /** Runs one operation to a definite result (without the reply's `index`), or throws a ClientError saying whether it is definite. */
  async call(op: KvOperation, signal?: AbortSignal): Promise<KvResult> {
    const req = { ...op, client: this.clientId, seq: ++this.seq, ...(this.seen > 0 ? { after: this.seen } : {}) } as KvRequest;
    const readOnly = op.f === 'read';
    if (readOnly || this.opts.leaderless) this.target = this.home;
    let maybeApplied = false;
    let last = 'no attempt';
    const fail = (why: string): ClientError => new ClientError(why, readOnly || !maybeApplied);
    for (let attempt = 0; attempt < (this.opts.maxAttempts ?? 100); attempt++) {
      const attemptSignal = AbortSignal.timeout(this.opts.attemptTimeoutMs ?? 1000);
      const x = await exchange(this.agent, this.target, '/kv', req, signal ? AbortSignal.any([signal, attemptSignal]) : attemptSignal);
      if (x.kind === 'aborted' && signal?.aborted) throw fail(maybeApplied ? `timeout (after ${last})` : 'timeout');
      const body = x.kind === 'reply' ? x.body : undefined;
      if (body && 'type' in body) {
        // The index is session bookkeeping, kept here; the caller gets the outcome alone.
        const { index, ...result } = body;
        if (typeof index === 'number' && index > this.seen) this.seen = index;
        return result;
      }
      if (body?.error === 'bad-request' || body?.error === 'unsupported') throw fail(`${body.error}: ${body.message}`);
      if (body?.error === 'not-leader') {
        last = `not-leader at ${this.target.name}`;
        const hint = body.leader ? this.nodes.find((n) => n.name === body.leader) : undefined;
        if (hint && hint !== this.target) {
          this.target = hint;
          continue;
        }
      } else if (x.kind === 'refused') {
        last = `connection refused by ${this.target.name}`;
      } else if (x.kind === 'aborted') {
        maybeApplied = true;
        last = `no answer from ${this.target.name} in ${this.opts.attemptTimeoutMs ?? 1000} ms`;
      } else {
        maybeApplied = true;
        last = body ? `${body.error} at ${this.target.name}` : `connection lost to ${this.target.name}: ${x.kind === 'lost' ? x.message : ''}`;
      }
      if (!(this.opts.leaderless && maybeApplied)) this.rotate();
      try {
        await sleep(Math.min(20 * (attempt + 1), 200), undefined, { signal });
      } catch {
        throw fail(maybeApplied ? `timeout (after ${last})` : `timeout (${last})`);
      }
    }
    throw fail(`gave up: ${last}`);
  }

  private rotate(): void {
    const i = this.nodes.findIndex((n) => n.name === this.target.name);
    this.target = this.nodes[(i + 1) % this.nodes.length];
  }

  close(): void {
    this.agent.destroy();
  }
}
