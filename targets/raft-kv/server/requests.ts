/**
 * Client requests against one node: writes go through the log; reads follow the cluster's read mode.
 *
 * - write/cas/append/txn (and every read in `log` mode): propose on the leader, answer when the entry
 *   is applied. A non-leader answers a definite `not-leader` with its leader hint before proposing
 *   anything. Once proposed, the outcome is indefinite unless we see it applied: a timeout or loss of
 *   leadership answers `timeout`/`leadership-lost` (definite: false); the client may retry the same
 *   (client, seq) elsewhere and the session table keeps it at-most-once.
 * - `read-index`, `lease`: the core confirms leadership (heartbeat round or lease), then the read is
 *   served once the state machine has caught up to the read index.
 * - `local`: the leader answers from its state at once; `follower`: any node does.
 * - `session`: any node answers once it has applied the index the request carries (`after`: the
 *   highest index its client has seen in a reply), so a client never sees a state older than one it
 *   saw or wrote.
 * Every ok or fail reply carries `index`: the log index of the state it reflects (the entry's own
 *   index for a write, the applied index a read was served at).
 * - `--ack-before-commit`: plain writes and appends are acknowledged once durable on the leader alone.
 * - `--txn-mode split`: a transaction's micro-ops are proposed one after another, each its own entry
 *   under its own sub-session (`client/i`, same seq), so a retry still applies each part at most once,
 *   while other clients' entries land between the parts.
 */
import type { KvReply, KvRequest, KvResult, NodeStatus } from '../kv/protocol.js';
import type { KvService } from './http-api.js';
import type { NodeEvents, RaftNode } from './raft-node.js';

interface Waiter {
  term: number;
  done: (r: KvReply) => void;
  early: boolean;
}

export class RequestHandler implements NodeEvents, KvService {
  private proposals = new Map<number, Waiter>();
  private reads = new Map<number, { key: string; done: (r: KvReply) => void }>();
  private nextRead = 1;

  constructor(private readonly node: RaftNode) {
    node.events = this;
  }

  status(): NodeStatus {
    const { core: c, opts } = this.node;
    return {
      id: opts.id, role: c.role, term: c.term, leader: c.leader, commit: c.commit, applied: this.node.appliedIndex,
      lastIndex: c.log.lastIndex(), snapshotIndex: c.snapshot.index, readMode: opts.readMode,
      clockOffsetMs: this.node.clock.currentOffset(), replication: 'raft',
    };
  }

  log(line: string): void {
    this.node.log(line);
  }

  /** Handles one validated request; resolves with the reply to send. */
  handle(req: KvRequest): Promise<KvReply> {
    const mode = this.node.opts.readMode;
    if (req.f === 'read' && mode !== 'log') return this.read(req.key, req.after ?? 0);
    if (req.f === 'txn' && this.node.opts.txnMode === 'split' && req.value.length > 1) return this.proposeSplit(req);
    return this.propose(req);
  }

  /** The `split` fault: each micro-op its own entry, answered as one transaction once all are applied. */
  private async proposeSplit(req: Extract<KvRequest, { f: 'txn' }>): Promise<KvReply> {
    const done: unknown[] = [];
    let index: number | undefined;
    for (const [i, micro] of req.value.entries()) {
      const reply = await this.propose({ f: 'txn', value: [micro], client: `${req.client}/${i}`, seq: req.seq });
      if ('type' in reply) {
        if (reply.type !== 'ok') return reply;
        done.push((reply.value as unknown[])[0]);
        index = reply.index;
        continue;
      }
      // A refusal is definite only while no earlier part has been applied.
      return i === 0 || !reply.definite ? reply : { error: 'leadership-lost', definite: false };
    }
    return { type: 'ok', value: done, index };
  }

  private notLeader(): KvReply {
    const leader = this.node.core.leader;
    return { error: 'not-leader', leader: leader === this.node.opts.id ? null : leader, definite: true };
  }

  private withTimeout(register: (done: (r: KvReply) => void) => void, onTimeout: () => void): Promise<KvReply> {
    return new Promise((resolve) => {
      let settled = false;
      const timer = setTimeout(() => {
        onTimeout();
        done({ error: 'timeout', definite: false });
      }, this.node.opts.requestTimeout);
      const done = (r: KvReply): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(r);
      };
      register(done);
    });
  }

  private propose(req: KvRequest): Promise<KvReply> {
    const at = this.node.input(() => this.node.core.propose(JSON.stringify(req)));
    if (!at) return Promise.resolve(this.notLeader());
    const early = this.node.opts.ackBeforeCommit && (req.f === 'write' || req.f === 'append');
    return this.withTimeout(
      (done) => this.proposals.set(at.index, { term: at.term, done, early }),
      () => this.proposals.delete(at.index),
    );
  }

  /** The reply to a read of `key` served now from the local state machine. */
  private served(key: string): KvReply {
    return { type: 'ok', value: this.node.kv.read(key), index: this.node.appliedIndex };
  }

  private read(key: string, after: number): Promise<KvReply> {
    const { core, opts } = this.node;
    if (opts.readMode === 'follower') return Promise.resolve(this.served(key));
    const id = this.nextRead++;
    if (opts.readMode === 'session') {
      return this.withTimeout(
        (done) => {
          this.reads.set(id, { key, done });
          this.node.awaitApplied(id, after);
        },
        () => this.reads.delete(id),
      );
    }
    if (core.role !== 'leader') return Promise.resolve(this.notLeader());
    if (opts.readMode === 'local') return Promise.resolve(this.served(key));
    const lease = opts.readMode === 'lease';
    return this.withTimeout(
      (done) => {
        this.reads.set(id, { key, done });
        this.node.input(() => core.readIndex(id, lease));
      },
      () => this.reads.delete(id),
    );
  }

  applied(index: number, term: number, result: KvResult | undefined): void {
    const w = this.proposals.get(index);
    if (!w) return;
    this.proposals.delete(index);
    if (w.term !== term) w.done({ error: 'leadership-lost', definite: false });
    else w.done({ ...(result ?? { type: 'ok' }), index });
  }

  persisted(entries: { index: number; term: number }[]): void {
    for (const e of entries) {
      const w = this.proposals.get(e.index);
      if (w?.early && w.term === e.term) {
        this.proposals.delete(e.index);
        w.done({ type: 'ok', index: e.index });
      }
    }
  }

  readsReady(ids: number[], failed: number[]): void {
    for (const id of ids) {
      const r = this.reads.get(id);
      this.reads.delete(id);
      if (r) r.done(this.served(r.key));
    }
    for (const id of failed) {
      const r = this.reads.get(id);
      this.reads.delete(id);
      r?.done(this.notLeader());
    }
  }

  leadershipLost(): void {
    for (const w of this.proposals.values()) w.done({ error: 'leadership-lost', definite: false });
    this.proposals.clear();
  }
}
