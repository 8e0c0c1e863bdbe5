/**
 * Linearizable reads without writing to the log.
 *
 * ReadIndex (Raft thesis §6.4): the leader notes its commit index, then confirms it is still leader by
 * a heartbeat round (`seq`) acknowledged by a majority; the read may be served once the state machine
 * has applied that index. A new leader first waits until an entry of its own term commits, so its
 * commit index is at least that of any earlier leader.
 *
 * Lease (§6.4.1): while a majority acknowledged a heartbeat sent less than `leaseFraction` of the
 * election timeout ago — measured on this node's wall clock — no other leader can have been elected
 * (followers refuse votes for an election timeout after hearing from the leader), so the leader
 * serves reads without a round trip. Correct only while clocks run at the same rate and do not jump.
 */
import type { RaftCore } from './raft.js';

/** Registers read `id`; lease reads fall back to read-index when the lease is not held. */
export function requestRead(r: RaftCore, id: number, lease: boolean): void {
  if (r.role !== 'leader') {
    r.failedReads.push(id);
    return;
  }
  if (r.log.term(r.commit) !== r.term) {
    r.waitingReads.push({ id, lease });
    return;
  }
  if (lease && leaseValid(r)) {
    r.readyReads.push({ id, index: r.commit });
    return;
  }
  r.pendingReads.push({ id, index: r.commit, seq: r.seq + 1 });
  r.needHeartbeat = true;
  confirmReads(r);
}

/** True while this leader's lease, measured on its (possibly skewed) wall clock, holds. */
export function leaseValid(r: RaftCore): boolean {
  const acks = [r.wall, ...[...r.progress.values()].map((p) => p.ackSentAt)].sort((a, b) => b - a);
  const start = acks[r.quorum() - 1];
  return r.wall < start + r.config.electionTimeout * r.config.leaseFraction;
}

/** Moves pending reads whose heartbeat round a majority acknowledged to `readyReads`. */
export function confirmReads(r: RaftCore): void {
  while (r.pendingReads.length > 0) {
    const read = r.pendingReads[0];
    let acks = 1;
    for (const pr of r.progress.values()) if (pr.ackSeq >= read.seq) acks++;
    if (acks < r.quorum()) return;
    r.pendingReads.shift();
    r.readyReads.push({ id: read.id, index: read.index });
  }
}

/** Called when the commit index advances: reads that waited for a current-term commit proceed. */
export function releaseWaitingReads(r: RaftCore): void {
  if (r.waitingReads.length === 0 || r.log.term(r.commit) !== r.term) return;
  const waiting = r.waitingReads;
  r.waitingReads = [];
  for (const w of waiting) requestRead(r, w.id, w.lease);
}

/** Leadership is lost: every read not yet confirmed must be retried elsewhere. */
export function failAllReads(r: RaftCore): void {
  for (const p of r.pendingReads) r.failedReads.push(p.id);
  for (const w of r.waitingReads) r.failedReads.push(w.id);
  r.pendingReads = [];
  r.waitingReads = [];
}
