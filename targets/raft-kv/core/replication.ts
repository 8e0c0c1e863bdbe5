/**
 * Log replication (Raft §5.3) with batching and pipelining, InstallSnapshot, and commit by majority.
 *
 * The leader tracks each follower's `Progress`. In `probe` it sends one AppendEntries at a time and
 * backs off on rejection; once a follower acknowledges, it moves to `replicate`, where the leader
 * sends batches (up to `maxBatch` entries) optimistically, up to `maxInflight` un-acknowledged ones
 * (pipelining). A follower whose next entry is compacted away goes to `snapshot` and receives the
 * leader's snapshot. An entry is committed when a majority has it durably and it is of the leader's
 * current term (§5.4.2); earlier entries commit with it.
 */
import { resetElectionTimer } from './election.js';
import { confirmReads, releaseWaitingReads } from './reads.js';
import type { RaftCore } from './raft.js';
import type { AppendRequest, AppendResponse, NodeId, SnapshotRequest } from './types.js';

/** The leader's view of one follower. */
export interface Progress {
  match: number;
  next: number;
  state: 'probe' | 'replicate' | 'snapshot';
  inflight: number;
  probeSent: boolean;
  snapshotSentAt: number;
  /** Highest broadcast `seq` the follower has echoed (read-index). */
  ackSeq: number;
  /** Latest leader wall-clock send time the follower has echoed (lease). */
  ackSentAt: number;
  /** Heard from since the last check-quorum round. */
  recentActive: boolean;
}

/** Takes over as leader: resets progress and appends a no-op of the new term (§8). */
export function becomeLeader(r: RaftCore): void {
  r.role = 'leader';
  r.leader = r.id;
  r.progress.clear();
  for (const p of r.config.peers) {
    r.progress.set(p, {
      match: 0, next: r.log.lastIndex() + 1, state: 'probe', inflight: 0, probeSent: false,
      snapshotSentAt: -Infinity, ackSeq: 0, ackSentAt: -Infinity, recentActive: true,
    });
  }
  r.checkQuorumDeadline = r.now + r.config.electionTimeout;
  r.heartbeatDeadline = r.now;
  r.log.append([{ index: r.log.lastIndex() + 1, term: r.term, cmd: '' }]);
  r.needHeartbeat = true;
  if (r.quorum() === 1) maybeCommit(r);
}

/** Sends appends to every follower; a heartbeat round bumps `seq` and goes to everyone. */
export function broadcastAppend(r: RaftCore, heartbeat: boolean): void {
  if (heartbeat) r.seq++;
  for (const p of r.config.peers) sendAppend(r, p, heartbeat);
}

/** Sends the next AppendEntries (or the snapshot) to `to`, if its progress state allows. */
export function sendAppend(r: RaftCore, to: NodeId, heartbeat: boolean): void {
  const pr = r.progress.get(to);
  if (!pr) return;
  const prevIndex = pr.next - 1;
  const prevTerm = r.log.term(prevIndex);
  if (prevTerm === undefined || pr.state === 'snapshot') {
    if (pr.state === 'snapshot' && !(heartbeat && r.now - pr.snapshotSentAt >= r.config.electionTimeout / 3)) return;
    if (pr.state !== 'snapshot' && prevTerm !== undefined) return;
    pr.state = 'snapshot';
    pr.snapshotSentAt = r.now;
    const m: SnapshotRequest = { type: 'snapshot', from: r.id, to, term: r.term, snapshot: r.snapshot, seq: r.seq, sentAt: r.wall };
    r.early.push(m);
    return;
  }
  const last = r.log.lastIndex();
  if (!heartbeat) {
    if (pr.next > last) return;
    if (pr.state === 'probe' && pr.probeSent) return;
    if (pr.state === 'replicate' && pr.inflight >= r.config.maxInflight) return;
  }
  const entries = r.log.slice(pr.next, last, r.config.maxBatch);
  const m: AppendRequest = {
    type: 'append', from: r.id, to, term: r.term, prevIndex, prevTerm, entries,
    commit: r.commit, seq: r.seq, sentAt: r.wall,
  };
  r.early.push(m);
  if (pr.state === 'probe') pr.probeSent = true;
  else if (entries.length > 0) {
    pr.next = entries[entries.length - 1].index + 1;
    pr.inflight++;
  }
}

/** Follower side of AppendEntries: consistency check, conflict truncation, append, commit. */
export function handleAppend(r: RaftCore, m: AppendRequest): void {
  acceptLeader(r, m.from);
  const reply = (success: boolean, index: number): void =>
    r.send({ type: 'append-resp', from: r.id, to: m.from, term: r.term, success, index, seq: m.seq, sentAt: m.sentAt });
  if (m.prevIndex < r.commit) {
    // Everything up to our commit index already matches; skip the part we have.
    const fresh = m.entries.filter((e) => e.index > r.commit);
    if (fresh.length === 0) return reply(true, r.commit);
    return handleAppend(r, { ...m, prevIndex: r.commit, prevTerm: r.log.term(r.commit)!, entries: fresh });
  }
  if (r.log.term(m.prevIndex) !== m.prevTerm) return reply(false, Math.min(r.log.lastIndex(), m.prevIndex - 1));
  for (let i = 0; i < m.entries.length; i++) {
    const e = m.entries[i];
    const have = r.log.term(e.index);
    if (have === e.term) continue;
    if (have !== undefined) {
      if (e.index <= r.commit) throw new Error(`raft ${r.id}: leader ${m.from} conflicts with committed entry ${e.index}`);
      r.log.truncateFrom(e.index);
      r.unstableFrom = Math.min(r.unstableFrom, e.index);
      r.stable = Math.min(r.stable, e.index - 1);
    }
    r.log.append(m.entries.slice(i));
    break;
  }
  const lastNew = m.prevIndex + m.entries.length;
  r.commit = Math.max(r.commit, Math.min(m.commit, lastNew));
  reply(true, lastNew);
}

/** Follower side of InstallSnapshot: replace the log and state machine unless covered by our commit index or log. */
export function handleSnapshot(r: RaftCore, m: SnapshotRequest): void {
  acceptLeader(r, m.from);
  const s = m.snapshot;
  const reply = (index: number): void =>
    r.send({ type: 'append-resp', from: r.id, to: m.from, term: r.term, success: true, index, seq: m.seq, sentAt: m.sentAt });
  if (s.index <= r.commit) return reply(r.commit);
  if (r.log.term(s.index) === s.term) {
    // Our log already holds the snapshot's last entry (a restarted node's commit index starts at its
    // own snapshot): keep it and what follows (Raft §7), which we may have acknowledged already.
    r.commit = s.index;
    return reply(s.index);
  }
  r.log.reset(s.index, s.term);
  r.snapshot = s;
  r.pendingSnapshot = s;
  r.commit = r.applied = s.index;
  r.stable = Math.min(r.stable, s.index);
  r.unstableFrom = s.index + 1;
  reply(s.index);
}

function acceptLeader(r: RaftCore, from: NodeId): void {
  if (r.role !== 'follower') r.becomeFollower(r.term, from);
  r.leader = from;
  r.voteFenceUntil = r.now + r.config.electionTimeout;
  resetElectionTimer(r);
}

/** Leader side: update the follower's progress, commit, confirm reads, send more. */
export function handleAppendResponse(r: RaftCore, m: AppendResponse): void {
  const pr = r.progress.get(m.from);
  if (r.role !== 'leader' || !pr) return;
  pr.recentActive = true;
  pr.ackSeq = Math.max(pr.ackSeq, m.seq);
  pr.ackSentAt = Math.max(pr.ackSentAt, m.sentAt);
  if (m.success) {
    pr.inflight = Math.max(0, pr.inflight - 1);
    pr.probeSent = false;
    if (m.index > pr.match) pr.match = m.index;
    pr.next = Math.max(pr.next, pr.match + 1);
    if (pr.state !== 'replicate') {
      pr.state = 'replicate';
      pr.inflight = 0;
    }
    maybeCommit(r);
  } else if (m.index + 1 >= pr.match + 1) {
    pr.state = 'probe';
    pr.inflight = 0;
    pr.probeSent = false;
    pr.next = Math.max(pr.match + 1, Math.min(pr.next - 1, m.index + 1));
  }
  confirmReads(r);
  sendAppend(r, m.from, false);
}

/** Advances the commit index to the highest current-term index durable on a majority. */
export function maybeCommit(r: RaftCore): void {
  const matches = [r.stable, ...[...r.progress.values()].map((p) => p.match)].sort((a, b) => b - a);
  const n = matches[r.quorum() - 1];
  if (n > r.commit && r.log.term(n) === r.term) {
    r.commit = n;
    releaseWaitingReads(r);
  }
}
