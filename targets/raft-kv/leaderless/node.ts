/**
 * A node in `replication=leaderless` mode: the I/O shell around a `LeaderlessReplica`. It serves
 * every client request itself, with no leader and no quorum:
 *
 * - `read`: the local state, at once;
 * - `write`, `add`, `incr`: stamped and applied locally, journaled with fsync (journal.ts), then
 *   acknowledged and pushed to every peer (fire and forget, batched per event-loop turn);
 * - `cas`, `append`, `txn`: refused with a definite `unsupported` (a compare-and-set needs agreement,
 *   which this mode gives up; see the README).
 *
 * Every `antiEntropyMs` it sends each peer its digest and answers digests with the cells that differ,
 * so whatever a partition or a lost push kept from a node reaches it once the link works again.
 * Changes received from peers are journaled too (without waiting), so a restarted node need not
 * fetch them again. Nothing leaves a node before it is durable there.
 */
import type { KvReply, KvRequest, NodeStatus } from '../kv/protocol.js';
import type { SkewableClock } from '../server/clock.js';
import type { KvService } from '../server/http-api.js';
import type { ServerOptions } from '../server/options.js';
import { PeerTransport } from '../server/peer-transport.js';
import { Journal } from './journal.js';
import type { LeaderlessMessage } from './messages.js';
import type { Patch } from './patches.js';
import { EMPTY_REPLICA, LeaderlessReplica, type JournalRecord } from './replica.js';

export class LeaderlessNode implements KvService {
  replica: LeaderlessReplica;
  private journal!: Journal;
  private transport!: PeerTransport<LeaderlessMessage>;
  private timer: NodeJS.Timeout | undefined;
  private outbox: Patch[] = [];
  private flushing = false;

  constructor(
    readonly opts: ServerOptions,
    readonly clock: SkewableClock,
    readonly log: (line: string) => void,
  ) {
    this.replica = new LeaderlessReplica(opts.id, opts.lwwClock);
  }

  /** Recovers from disk, starts peer networking and anti-entropy. */
  async start(): Promise<void> {
    const o = this.opts;
    this.journal = await Journal.open(
      o.dataDir,
      EMPTY_REPLICA,
      {
        fsync: o.fsync, lazyFlushMs: o.noFsyncHoldMs, snapshotEvery: o.snapshotEvery, log: this.log,
        onFailure: (e) => {
          this.log(`journal: storage failed, exiting: ${e.stack}`);
          process.exit(70);
        },
      },
      (data) => (this.replica = LeaderlessReplica.restore(data, o.id, o.lwwClock)),
      (r) => this.replica.replay(r),
      () => this.replica.snapshot(),
    );
    this.transport = new PeerTransport(o.peerListen, o.peers, (m) => this.receive(m), this.log);
    await this.transport.start();
    this.timer = setInterval(() => this.antiEntropy(), o.antiEntropyMs);
  }

  async handle(req: KvRequest): Promise<KvReply> {
    if (req.f === 'read') return { type: 'ok', value: this.replica.read(req.key) };
    if (req.f !== 'write' && req.f !== 'add' && req.f !== 'incr') {
      return { error: 'unsupported', message: `${req.f} is not available with replication=leaderless`, definite: true };
    }
    const { result, record } = this.replica.local(req, this.clock.now());
    // A repeat answers once everything journaled so far (its first application included) is durable.
    const index = record ? this.journal.append(record) : this.journal.lastIndex;
    await this.journal.durableAt(index);
    if (record) this.push(record.patches);
    return result;
  }

  private push(patches: Patch[]): void {
    if (patches.length === 0) return;
    this.outbox.push(...patches);
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => {
      this.flushing = false;
      const out = this.outbox.splice(0);
      for (const to of this.opts.peers.keys()) this.transport.send({ type: 'push', from: this.opts.id, to, patches: out });
    });
  }

  private antiEntropy(): void {
    const digest = this.replica.digest();
    for (const to of this.opts.peers.keys()) this.transport.send({ type: 'digest', from: this.opts.id, to, digest });
  }

  private receive(m: LeaderlessMessage): void {
    const wall = this.clock.now();
    let changed: Patch[] = [];
    if (m.type === 'push') changed = this.replica.receive(m.patches, wall);
    else if (m.type === 'cells') changed = this.replica.receiveStore(m.store, wall);
    else {
      // Cells leave this node only once durable here: a peer never holds a version this node could
      // forget in a crash (its clock, recovered from disk, then stays ahead of every version it made).
      const store = this.replica.differing(m.digest);
      if (Object.keys(store).length > 0) {
        void this.journal.durableAt(this.journal.lastIndex).then(() => this.transport.send({ type: 'cells', from: this.opts.id, to: m.from, store }));
      }
    }
    if (changed.length > 0) this.journal.append({ patches: changed } satisfies JournalRecord);
  }

  status(): NodeStatus {
    const n = this.journal?.lastIndex ?? 0;
    return {
      id: this.opts.id, role: 'leaderless', term: 0, leader: null, commit: n, applied: n, lastIndex: n, snapshotIndex: 0,
      readMode: 'local', clockOffsetMs: this.clock.currentOffset(), replication: 'leaderless',
    };
  }

  /** Stops anti-entropy and peers, writes what is queued, closes storage. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.transport?.close();
    await this.journal?.close();
  }
}
