/**
 * The Raft core: a deterministic state machine over the Raft protocol. It owns term, vote, role, the
 * in-memory log and the leader's view of each follower, and turns inputs into effects collected in a
 * `Ready` (see types.ts). Nothing here does I/O or reads a clock: the shell sets the time with
 * `setTime(monotonicMs, wallMs)` before each input, and randomness comes from `config.random`.
 *
 * Protocol pieces live beside this file, as functions over the core: election.ts (pre-vote, vote,
 * check-quorum, timers), replication.ts (AppendEntries, InstallSnapshot, commit), reads.ts
 * (read-index and lease reads).
 */
import { campaign, handleVote, handleVoteResponse, resetElectionTimer, tickElection } from './election.js';
import { RaftLog } from './raft-log.js';
import { confirmReads, failAllReads, requestRead } from './reads.js';
import {
  broadcastAppend,
  handleAppend,
  handleAppendResponse,
  handleSnapshot,
  maybeCommit,
  type Progress,
} from './replication.js';
import type { Entry, HardState, Message, NodeId, RaftConfig, ReadState, Ready, Role, Snapshot } from './types.js';

/** What a node recovers from disk on start. */
export interface RaftBoot {
  hardState: HardState;
  /** Latest snapshot (index 0 with the empty state for a fresh node). */
  snapshot: Snapshot;
  log: RaftLog;
}

export class RaftCore {
  // Durable state.
  term: number;
  vote: NodeId | null;
  readonly log: RaftLog;
  snapshot: Snapshot;
  // Volatile state.
  role: Role = 'follower';
  leader: NodeId | null = null;
  commit: number;
  /** Highest index handed to the shell for applying. */
  applied: number;
  /** Highest index known durable on this node's disk. */
  stable: number;
  /** First log index not yet handed to the shell for persisting. */
  unstableFrom: number;
  now = 0;
  wall = 0;
  electionDeadline = 0;
  heartbeatDeadline = 0;
  checkQuorumDeadline = 0;
  /** Until then this node refuses to help depose a leader it heard from (or may not know of). */
  voteFenceUntil = 0;
  votes = new Map<NodeId, boolean>();
  progress = new Map<NodeId, Progress>();
  /** Leader broadcast counter, echoed by followers (read-index confirmation). */
  seq = 0;
  pendingReads: { id: number; index: number; seq: number }[] = [];
  /** Reads received before the leader committed an entry of its own term. */
  waitingReads: { id: number; lease: boolean }[] = [];
  // Effects accumulated for the next Ready / takeEarly.
  hardStateDirty = false;
  pendingSnapshot: Snapshot | undefined;
  deferred: Message[] = [];
  early: Message[] = [];
  readyReads: ReadState[] = [];
  failedReads: number[] = [];
  needBroadcast = false;
  needHeartbeat = false;

  constructor(
    readonly config: RaftConfig,
    boot: RaftBoot,
    now: number,
    wall: number,
  ) {
    this.term = boot.hardState.term;
    this.vote = boot.hardState.vote;
    this.log = boot.log;
    this.snapshot = boot.snapshot;
    this.commit = this.applied = boot.snapshot.index;
    this.stable = this.log.lastIndex();
    this.unstableFrom = this.stable + 1;
    this.setTime(now, wall);
    // A restarted node may have promised a lease to a leader it no longer remembers.
    this.voteFenceUntil = now + config.electionTimeout;
    resetElectionTimer(this);
  }

  get id(): NodeId {
    return this.config.id;
  }

  /** Votes needed for a majority of the whole cluster. */
  quorum(): number {
    return Math.floor((this.config.peers.length + 1) / 2) + 1;
  }

  /** Sets the time used by the next inputs: monotonic for timers, (skewable) wall clock for leases. */
  setTime(now: number, wall: number): void {
    this.now = now;
    this.wall = wall;
  }

  /** Advances timers: elections, heartbeats, check-quorum. */
  tick(): void {
    tickElection(this);
  }

  /** Handles one message from a peer. */
  step(m: Message): void {
    if (m.to !== this.id || !this.config.peers.includes(m.from)) return;
    if (m.term > this.term) {
      const inLease = this.now < this.voteFenceUntil;
      if (m.type === 'vote') {
        if (inLease) return;
        if (!m.pre) this.becomeFollower(m.term, null);
      } else if (m.type === 'vote-resp' && m.pre && m.granted) {
        // A granted pre-vote carries the term we would campaign in; not a reason to step down.
      } else {
        this.becomeFollower(m.term, m.type === 'append' || m.type === 'snapshot' ? m.from : null);
      }
    } else if (m.term < this.term) {
      if (m.type === 'append' || m.type === 'snapshot') {
        // Tell a stale leader about the newer term so it steps down.
        this.send({ type: 'append-resp', from: this.id, to: m.from, term: this.term, success: false, index: 0, seq: 0, sentAt: 0 });
      } else if (m.type === 'vote' && m.pre) {
        this.send({ type: 'vote-resp', from: this.id, to: m.from, term: this.term, pre: true, granted: false });
      }
      return;
    }
    switch (m.type) {
      case 'vote':
        return handleVote(this, m);
      case 'vote-resp':
        return handleVoteResponse(this, m);
      case 'append':
        return handleAppend(this, m);
      case 'snapshot':
        return handleSnapshot(this, m);
      case 'append-resp':
        return handleAppendResponse(this, m);
    }
  }

  /** Appends a command if leader; returns its index and term, or undefined when not leader. */
  propose(cmd: string): { index: number; term: number } | undefined {
    if (this.role !== 'leader') return undefined;
    const entry: Entry = { index: this.log.lastIndex() + 1, term: this.term, cmd };
    this.log.append([entry]);
    this.needBroadcast = true;
    if (this.config.peers.length === 0) maybeCommit(this);
    return { index: entry.index, term: entry.term };
  }

  /** Asks to serve read `id` linearizably; the answer comes in `Ready.reads` or `Ready.failedReads`. */
  readIndex(id: number, lease: boolean): void {
    requestRead(this, id, lease);
  }

  /**
   * Starts an election now (tests, or a shell that wants fast failover). It bypasses the election
   * timer: called within an election timeout of hearing from a leader, it can elect a new leader
   * while the old one's lease still holds.
   */
  campaign(): void {
    campaign(this, true);
  }

  /** Records that the state machine has been snapshotted at `snapshot.index`; drops log up to `compactTo`. */
  compact(snapshot: Snapshot, compactTo: number): void {
    if (snapshot.index > this.applied || snapshot.index <= this.snapshot.index) return;
    this.snapshot = snapshot;
    const to = Math.min(compactTo, snapshot.index, this.stable);
    if (to > this.log.base) this.log.compact(to);
    this.unstableFrom = Math.max(this.unstableFrom, this.log.base + 1);
  }

  becomeFollower(term: number, leader: NodeId | null): void {
    if (term > this.term) {
      this.term = term;
      this.vote = null;
      this.hardStateDirty = true;
    }
    if (this.role === 'leader') failAllReads(this);
    this.role = 'follower';
    this.leader = leader;
    this.progress.clear();
    resetElectionTimer(this);
  }

  /** Queues a message that must wait until this node's state is durable. */
  send(m: Message): void {
    this.deferred.push(m);
  }

  /** Messages a leader may send before its own disk write completes (replication), to send now. */
  takeEarly(): Message[] {
    if (this.role === 'leader' && (this.needBroadcast || this.needHeartbeat)) {
      broadcastAppend(this, this.needHeartbeat);
    }
    this.needBroadcast = this.needHeartbeat = false;
    const out = this.early;
    this.early = [];
    return out;
  }

  /** True when `ready()` would return something. */
  hasReady(): boolean {
    return (
      this.hardStateDirty ||
      this.pendingSnapshot !== undefined ||
      this.unstableFrom <= this.log.lastIndex() ||
      this.deferred.length > 0 ||
      this.commit > this.applied ||
      this.readyReads.length > 0 ||
      this.failedReads.length > 0
    );
  }

  /** Collects the effects since the last call. Call again only after `advance` of this one. */
  ready(): Ready {
    const rd: Ready = {
      entries: this.log.slice(this.unstableFrom, this.log.lastIndex()),
      messages: this.deferred,
      committed: this.log.slice(this.applied + 1, this.commit),
      reads: this.readyReads,
      failedReads: this.failedReads,
    };
    if (this.hardStateDirty) rd.hardState = { term: this.term, vote: this.vote };
    if (this.pendingSnapshot) rd.snapshot = this.pendingSnapshot;
    this.hardStateDirty = false;
    this.pendingSnapshot = undefined;
    this.unstableFrom = this.log.lastIndex() + 1;
    this.applied = Math.max(this.applied, this.commit);
    this.deferred = [];
    this.readyReads = [];
    this.failedReads = [];
    return rd;
  }

  /** The shell has persisted `rd` (and sent its messages): entries may now count towards commit. */
  advance(rd: Ready): void {
    if (rd.snapshot && this.log.base === rd.snapshot.index) this.stable = Math.max(this.stable, rd.snapshot.index);
    const last = rd.entries[rd.entries.length - 1];
    if (last && this.log.term(last.index) === last.term) this.stable = Math.max(this.stable, last.index);
    if (this.role === 'leader') {
      maybeCommit(this);
      confirmReads(this);
    }
  }
}
