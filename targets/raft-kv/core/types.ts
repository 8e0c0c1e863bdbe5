/**
 * The vocabulary of the pure Raft core: log entries, peer messages, snapshots, configuration, and the
 * `Ready` batch of effects the core hands to its I/O shell.
 *
 * The core never touches disk, sockets or clocks. Input arrives as `step(message)`, `tick()`,
 * `propose()`, `readIndex()`; time is whatever the shell last passed to `setTime`. Output is collected
 * into a `Ready`: state to persist (term/vote, new entries, a received snapshot), messages to send
 * once that state is durable, committed entries to apply, and reads that are now safe to serve.
 * Leader-to-follower replication messages are also offered early (`early`), because a leader may send
 * entries before they are durable on its own disk (Raft thesis §10.2.1): it counts itself towards a
 * majority only after the shell reports them persisted through `advance`.
 */

/** Node name, e.g. `n1`. */
export type NodeId = string;

/** One log entry. `cmd` is the opaque command text; the empty string is a leader's no-op. */
export interface Entry {
  index: number;
  term: number;
  cmd: string;
}

/** A state-machine snapshot covering every entry up to and including `index`. */
export interface Snapshot {
  index: number;
  term: number;
  /** Opaque serialized state-machine contents. */
  data: string;
}

/** What must survive a crash besides the log. */
export interface HardState {
  term: number;
  vote: NodeId | null;
}

/** Request a (pre-)vote. A pre-vote carries the term the candidate would use, without adopting it. */
export interface VoteRequest {
  type: 'vote';
  from: NodeId;
  to: NodeId;
  term: number;
  pre: boolean;
  lastIndex: number;
  lastTerm: number;
}

export interface VoteResponse {
  type: 'vote-resp';
  from: NodeId;
  to: NodeId;
  term: number;
  pre: boolean;
  granted: boolean;
}

/**
 * AppendEntries; with no entries it is a heartbeat. `seq` numbers the leader's broadcasts (read-index
 * confirmation) and `sentAt` is the leader's wall clock when it was sent (lease); both are echoed.
 */
export interface AppendRequest {
  type: 'append';
  from: NodeId;
  to: NodeId;
  term: number;
  prevIndex: number;
  prevTerm: number;
  entries: Entry[];
  commit: number;
  seq: number;
  sentAt: number;
}

/**
 * Reply to AppendEntries or InstallSnapshot. On success `index` is the last index known to match;
 * on reject it is the follower's hint (its last index) for where to probe next.
 */
export interface AppendResponse {
  type: 'append-resp';
  from: NodeId;
  to: NodeId;
  term: number;
  success: boolean;
  index: number;
  seq: number;
  sentAt: number;
}

/** InstallSnapshot: the whole snapshot in one message (our snapshots are small). */
export interface SnapshotRequest {
  type: 'snapshot';
  from: NodeId;
  to: NodeId;
  term: number;
  snapshot: Snapshot;
  seq: number;
  sentAt: number;
}

export type Message = VoteRequest | VoteResponse | AppendRequest | AppendResponse | SnapshotRequest;

export type Role = 'follower' | 'pre-candidate' | 'candidate' | 'leader';

/** Timing and sizing of the core, in milliseconds and entries. */
export interface RaftConfig {
  id: NodeId;
  /** Every other member of the (static) cluster. */
  peers: NodeId[];
  /** Base election timeout; the actual one is random in [base, 2·base). */
  electionTimeout: number;
  heartbeatInterval: number;
  /** Most entries in one AppendEntries. */
  maxBatch: number;
  /** Most un-acknowledged AppendEntries to one follower when pipelining. */
  maxInflight: number;
  /** Lease length as a fraction of the base election timeout (leaves room for clock drift). */
  leaseFraction: number;
  /** Uniform random number in [0, 1); seeded in tests. */
  random: () => number;
  /**
   * Check-quorum: a leader that has not heard from a majority within an election timeout steps down.
   * Default true; false is a fault switch (an isolated leader keeps leading until it hears a higher term).
   */
  checkQuorum?: boolean;
}

/** A read that may now be served once the state machine has applied `index`. */
export interface ReadState {
  id: number;
  index: number;
}

/** Effects produced since the last `ready()`; the shell performs them in the order listed. */
export interface Ready {
  /** Persist (with the entries, one fsync) before sending `messages`. */
  hardState?: HardState;
  /** A snapshot received from the leader: persist it, reset the log to it, restore the state machine. */
  snapshot?: Snapshot;
  /** Entries to write; any stored entry at or after `entries[0].index` is overwritten. */
  entries: Entry[];
  /** Send once the above is durable. */
  messages: Message[];
  /** Committed entries to apply, in order. */
  committed: Entry[];
  /** Reads confirmed (read-index or lease). */
  reads: ReadState[];
  /** Reads that can no longer be confirmed here (leadership lost); answer not-leader. */
  failedReads: number[];
}
