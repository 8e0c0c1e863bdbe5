/**
 * Client sessions against the simulated Raft cluster, served as `read-mode=session` serves them:
 * a session remembers the highest index any reply gave it; a read at any node is served from that
 * node's applied state once it has applied at least that index (else the client tries elsewhere);
 * a write is proposed at a node believing it leads and acknowledged with its index once that node
 * applied it at that index (as the server answers). One op in flight per session: a session whose
 * write can no longer be acknowledged here (its entry overwritten) is abandoned and replaced by a
 * fresh one, as the runner replaces a process after an `info`.
 *
 * Every served read is checked against the session guarantees (Terry et al.): the state read
 * contains every write the session had acknowledged (read-your-writes) and extends every state it
 * read before (monotonic reads); every acknowledged write lands after every index the session had
 * seen when it was proposed (monotonic writes, writes-follow-reads). With Raft's state-machine
 * safety (asserted by SimCluster) these make every session's view a growing prefix of one log.
 */
import type { SimCluster } from './sim-cluster.js';

interface Session {
  /** Highest index seen in a reply. */
  seen: number;
  /** Commands this session had acknowledged. */
  acked: string[];
  /** The state (applied commands) of its last read. */
  lastRead: string[];
  pending?: { node: number; index: number; cmd: string; seenAtPropose: number };
}

/** What a session read did. */
export type SessionReadStatus = 'served' | 'waits' | 'busy';

export class SimSessions {
  private readonly sessions: Session[];
  private next = 0;
  /** Reads served, reads a node held back (it had not applied the session's index), writes acknowledged. */
  readonly counts = { served: 0, held: 0, acked: 0 };

  constructor(
    private readonly sim: SimCluster,
    size: number,
    /** Serve reads regardless of the session's index (`read-mode=follower`), to show what the rule prevents. */
    private readonly ignoreIndex = false,
  ) {
    this.sessions = Array.from({ length: size }, () => fresh());
  }

  /** Session `s` writes a new unique command at node `node` (5–9: a node believing it leads). */
  write(s: number, node: number): void {
    const session = this.sessions[s % this.sessions.length];
    if (session.pending) return;
    const cmd = `s${s % this.sessions.length}.${this.next++}`;
    const at = this.sim.propose(node, cmd);
    if (at) session.pending = { node: at.node, index: at.index, cmd, seenAtPropose: session.seen };
  }

  /** Session `s` reads at node `node` (by index); throws on a broken session guarantee. */
  read(s: number, node: number): SessionReadStatus {
    const session = this.sessions[s % this.sessions.length];
    if (session.pending) return 'busy';
    const n = this.sim.nodes[node % this.sim.nodes.length];
    if (this.sim.paused.has(n.id)) return 'waits';
    if (!this.ignoreIndex && n.sm.length < session.seen) {
      this.counts.held++;
      return 'waits';
    }
    const state = [...n.sm];
    const missing = session.acked.find((c) => !state.includes(c));
    if (missing) throw new Error(`read-your-writes: ${n.id} served a state of ${state.length} entries without the session's acknowledged ${missing}`);
    if (session.lastRead.some((c, i) => state[i] !== c)) {
      throw new Error(`monotonic reads: ${n.id} served ${state.length} entries that do not extend the ${session.lastRead.length} read before`);
    }
    session.lastRead = state;
    session.seen = Math.max(session.seen, state.length);
    this.counts.served++;
    return 'served';
  }

  /** Acknowledges writes their node has applied; abandons those whose entry was overwritten. */
  poll(): void {
    this.sessions.forEach((session, s) => {
      const p = session.pending;
      if (!p) return;
      const n = this.sim.nodes[p.node];
      if (n.sm.length >= p.index) {
        if (n.sm[p.index - 1] !== p.cmd) {
          this.sessions[s] = fresh();
          return;
        }
        if (p.index <= p.seenAtPropose) throw new Error(`writes-follow-reads: ${p.cmd} acknowledged at ${p.index}, not after the session's ${p.seenAtPropose}`);
        session.acked.push(p.cmd);
        session.seen = Math.max(session.seen, p.index);
        session.pending = undefined;
        this.counts.acked++;
      } else if (n.core.log.term(p.index) === undefined && n.core.log.lastIndex() < p.index) {
        this.sessions[s] = fresh(); // truncated away (crash, or a new leader's log): indefinite
      }
    });
  }
}

function fresh(): Session {
  return { seen: 0, acked: [], lastRead: [] };
}
