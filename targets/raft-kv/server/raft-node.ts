/**
 * The I/O shell around the pure Raft core. It feeds the core messages, timer ticks and client
 * proposals (setting the time before each), and runs the persistence loop:
 *
 *   takeEarly() → send now (leader replication may precede its own fsync)
 *   ready()     → save to disk (one fsync) → send messages → apply committed entries → advance()
 *
 * Only one save runs at a time; whatever accumulates meanwhile goes into the next Ready, which is
 * how one fsync covers many client writes (group commit). Snapshots are taken here every
 * `snapshotEvery` applied entries, between Readies. Client-facing request handling is in requests.ts,
 * which this shell notifies through `NodeEvents`.
 */
import { performance } from 'node:perf_hooks';
import { RaftCore } from '../core/raft.js';
import type { Entry, Message, Ready } from '../core/types.js';
import { EMPTY_KV_SNAPSHOT, KvState } from '../kv/kv-state.js';
import type { KvRequest, KvResult } from '../kv/protocol.js';
import type { SkewableClock } from './clock.js';
import type { ServerOptions } from './options.js';
import { PeerTransport } from './peer-transport.js';
import { Storage } from './storage.js';

/** What the request layer hears from the shell. */
export interface NodeEvents {
  /** Entry `index`@`term` was applied with `result` (undefined for a no-op). */
  applied(index: number, term: number, result: KvResult | undefined): void;
  /** Entries up to `index` of the current term are durable on this node. */
  persisted(entries: Entry[]): void;
  /** Reads confirmed by the core and now applied, or failed. */
  readsReady(ids: number[], failed: number[]): void;
  /** This node stopped being leader. */
  leadershipLost(): void;
}

export class RaftNode {
  core!: RaftCore;
  kv = new KvState();
  appliedIndex = 0;
  private storage!: Storage;
  private transport!: PeerTransport<Message>;
  private saving = false;
  /** The save loop in flight, if any (stop waits for it before closing storage). */
  private saveRun: Promise<void> | undefined;
  private stopped = false;
  private scheduled = false;
  private ticker: NodeJS.Timeout | undefined;
  private waitingReads: { id: number; index: number }[] = [];
  private wasLeader = false;
  events: NodeEvents | undefined;

  constructor(
    readonly opts: ServerOptions,
    readonly clock: SkewableClock,
    readonly log: (line: string) => void,
  ) {}

  /** Recovers from disk, starts peer networking and timers. */
  async start(): Promise<void> {
    const o = this.opts;
    const { storage, recovered } = await Storage.open(o.dataDir, EMPTY_KV_SNAPSHOT, { fsync: o.fsync, lazyFlushMs: o.noFsyncHoldMs, log: this.log });
    this.storage = storage;
    this.kv = KvState.restore(recovered.snapshot.data);
    this.appliedIndex = recovered.snapshot.index;
    this.core = new RaftCore(
      {
        id: o.id, peers: [...o.peers.keys()], electionTimeout: o.electionTimeout, heartbeatInterval: o.heartbeatInterval,
        maxBatch: 512, maxInflight: 8, leaseFraction: 0.8, random: Math.random,
        checkQuorum: o.checkQuorum,
      },
      recovered,
      performance.now(),
      this.clock.now(),
    );
    this.log(`raft: recovered term ${recovered.hardState.term}, snapshot ${recovered.snapshot.index}, log up to ${recovered.log.lastIndex()}`);
    this.transport = new PeerTransport(o.peerListen, o.peers, (m) => this.input(() => this.core.step(m)), this.log);
    await this.transport.start();
    this.ticker = setInterval(() => this.input(() => this.core.tick()), Math.max(5, Math.floor(o.heartbeatInterval / 5)));
  }

  /** Runs one input against the core at the current time, then schedules the effects. */
  input<T>(fn: () => T): T {
    this.core.setTime(performance.now(), this.clock.now());
    const out = fn();
    this.schedule();
    return out;
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    this.sendAll(this.core.takeEarly());
    this.checkLeadership();
    if (!this.saving && !this.stopped && this.core.hasReady()) this.saveRun = this.saveLoop();
  }

  private async saveLoop(): Promise<void> {
    this.saving = true;
    try {
      while (!this.stopped && this.core.hasReady()) {
        const rd = this.core.ready();
        await this.storage.save(rd);
        if (rd.entries.length) this.events?.persisted(rd.entries);
        this.sendAll(rd.messages);
        this.apply(rd);
        this.core.setTime(performance.now(), this.clock.now());
        this.core.advance(rd);
        this.sendAll(this.core.takeEarly());
        this.checkLeadership();
        await this.maybeSnapshot();
      }
    } catch (e) {
      this.log(`raft: storage failed, exiting: ${(e as Error).stack}`);
      process.exit(70);
    } finally {
      this.saving = false;
    }
  }

  private apply(rd: Ready): void {
    if (rd.snapshot) {
      this.kv = KvState.restore(rd.snapshot.data);
      this.appliedIndex = rd.snapshot.index;
      this.log(`raft: installed snapshot ${rd.snapshot.index}@${rd.snapshot.term} from the leader`);
    }
    for (const e of rd.committed) {
      if (e.index <= this.appliedIndex) continue;
      const result = e.cmd === '' ? undefined : this.kv.apply(JSON.parse(e.cmd) as KvRequest);
      this.appliedIndex = e.index;
      this.events?.applied(e.index, e.term, result);
    }
    for (const r of rd.reads) this.waitingReads.push(r);
    const ready = this.waitingReads.filter((r) => r.index <= this.appliedIndex).map((r) => r.id);
    this.waitingReads = this.waitingReads.filter((r) => r.index > this.appliedIndex);
    if (ready.length || rd.failedReads.length) this.events?.readsReady(ready, rd.failedReads);
  }

  private async maybeSnapshot(): Promise<void> {
    const snapIndex = this.core.snapshot.index;
    if (this.appliedIndex - snapIndex < this.opts.snapshotEvery) return;
    const index = this.appliedIndex;
    const term = this.core.log.term(index);
    if (term === undefined) return;
    const snapshot = { index, term, data: this.kv.snapshot() };
    this.core.compact(snapshot, index - this.opts.snapshotKeep);
    const log = this.core.log;
    await this.storage.compact(snapshot, log.base, log.baseTerm, log.slice(log.base + 1, this.core.unstableFrom - 1));
    this.log(`raft: snapshot at ${index}; log now starts after ${log.base}`);
  }

  /**
   * Reports read `id` through `readsReady` once the state machine has applied `index` (at once if it
   * has): session reads wait here for the index their client last saw.
   */
  awaitApplied(id: number, index: number): void {
    if (index <= this.appliedIndex) this.events?.readsReady([id], []);
    else this.waitingReads.push({ id, index });
  }

  private checkLeadership(): void {
    const isLeader = this.core.role === 'leader';
    if (this.wasLeader && !isLeader) this.events?.leadershipLost();
    if (!this.wasLeader && isLeader) this.log(`raft: leader for term ${this.core.term}`);
    this.wasLeader = isLeader;
  }

  private sendAll(messages: Message[]): void {
    for (const m of messages) this.transport.send(m);
  }

  /**
   * Stops the node for a graceful exit: no more ticks, inputs or new saves; peers disconnected; the
   * save in flight finished (a Ready is stored whole or not begun); storage closed last. Without that
   * order a save could meet a closed file and the node would report a storage failure on every stop.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.ticker);
    await this.transport?.close();
    await this.saveRun;
    await this.storage?.close();
  }
}
