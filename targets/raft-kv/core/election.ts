/**
 * Leader election with pre-vote and check-quorum (Raft thesis §9.6, as in etcd/raft).
 *
 * - A follower whose randomized election timer fires first runs a pre-vote: it asks whether peers
 *   would vote for it in term+1, without anyone changing term. Only with a majority of pre-votes does
 *   it start a real election. A node rejoining after a partition therefore cannot bump the term and
 *   depose a healthy leader.
 * - A node that has heard from a leader within the base election timeout ignores (pre-)vote requests
 *   for higher terms (`voteFenceUntil`). This also makes leader leases sound while clocks behave.
 * - A leader that has not heard from a majority within an election timeout steps down (check-quorum).
 */
import type { RaftCore } from './raft.js';
import { becomeLeader } from './replication.js';
import type { VoteRequest, VoteResponse } from './types.js';

/** Picks a new random election deadline in [base, 2·base). */
export function resetElectionTimer(r: RaftCore): void {
  const base = r.config.electionTimeout;
  r.electionDeadline = r.now + base + Math.floor(r.config.random() * base);
}

/** Timer-driven work: elections for non-leaders, heartbeats and check-quorum for leaders. */
export function tickElection(r: RaftCore): void {
  if (r.role !== 'leader') {
    if (r.now >= r.electionDeadline) campaign(r, true);
    return;
  }
  if (r.now >= r.heartbeatDeadline) {
    r.needHeartbeat = true;
    r.heartbeatDeadline = r.now + r.config.heartbeatInterval;
  }
  if (r.now >= r.checkQuorumDeadline) {
    let active = 1;
    for (const pr of r.progress.values()) {
      if (pr.recentActive) active++;
      pr.recentActive = false;
    }
    if (active < r.quorum() && r.config.checkQuorum !== false) {
      r.becomeFollower(r.term, null);
      return;
    }
    r.voteFenceUntil = r.now + r.config.electionTimeout;
    r.checkQuorumDeadline = r.now + r.config.electionTimeout;
  }
}

/** Starts a pre-vote (`pre`) or a real election. */
export function campaign(r: RaftCore, pre: boolean): void {
  if (r.role === 'leader') return;
  resetElectionTimer(r);
  r.leader = null;
  r.votes = new Map([[r.id, true]]);
  let term = r.term + 1;
  if (pre) {
    r.role = 'pre-candidate';
  } else {
    r.role = 'candidate';
    r.term = term;
    r.vote = r.id;
    r.hardStateDirty = true;
  }
  if (r.quorum() === 1) {
    if (pre) return campaign(r, false);
    return becomeLeader(r);
  }
  term = pre ? r.term + 1 : r.term;
  for (const to of r.config.peers) {
    r.send({ type: 'vote', from: r.id, to, term, pre, lastIndex: r.log.lastIndex(), lastTerm: r.log.lastTerm() });
  }
}

/** Answers a (pre-)vote request whose term is not below ours. */
export function handleVote(r: RaftCore, m: VoteRequest): void {
  const canVote =
    r.vote === m.from || (r.vote === null && r.leader === null) || (m.pre && m.term > r.term && r.now >= r.voteFenceUntil);
  const granted = canVote && r.log.isUpToDate(m.lastIndex, m.lastTerm);
  if (granted && !m.pre) {
    r.vote = m.from;
    r.hardStateDirty = true;
    resetElectionTimer(r);
  }
  r.send({ type: 'vote-resp', from: r.id, to: m.from, term: granted && m.pre ? m.term : r.term, pre: m.pre, granted });
}

/** Counts a (pre-)vote answer. */
export function handleVoteResponse(r: RaftCore, m: VoteResponse): void {
  const expected = m.pre ? 'pre-candidate' : 'candidate';
  if (r.role !== expected) return;
  if (m.pre && m.granted && m.term !== r.term + 1) return;
  r.votes.set(m.from, m.granted);
  let yes = 0;
  let no = 0;
  for (const v of r.votes.values()) v ? yes++ : no++;
  if (yes >= r.quorum()) {
    if (m.pre) campaign(r, false);
    else becomeLeader(r);
  } else if (no >= r.quorum()) {
    r.becomeFollower(r.term, null);
  }
}

