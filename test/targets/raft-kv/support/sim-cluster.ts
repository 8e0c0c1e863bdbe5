/**
 * A deterministic simulated cluster for the pure Raft core: simulated disks (what survives a crash),
 * a network that can drop, duplicate and reorder messages, and one global clock. It plays the role
 * of the I/O shell exactly as the real server does: early messages are sent at once, the rest of a
 * `Ready` only after its state is on the simulated disk; a crash loses everything not yet persisted.
 * A paused node (SIGSTOP) neither receives messages (they wait in the network), nor ticks, persists
 * or answers clients, until it is resumed with its state intact.
 *
 * After every action `check()` asserts the Raft safety properties (sim-safety.ts) and that reads
 * served in `read-index` or `lease` mode are not stale.
 */
import { RaftCore } from '../../../../targets/raft-kv/core/raft.js';
import { RaftLog } from '../../../../targets/raft-kv/core/raft-log.js';
import type { Entry, HardState, Message, Ready, Snapshot } from '../../../../targets/raft-kv/core/types.js';
import { SafetyChecker } from './sim-safety.js';
import { seededRandom } from '../../../../src/core/seeded-random.js';

interface Disk {
  hardState: HardState;
  snapshot: Snapshot;
  base: number;
  baseTerm: number;
  entries: Entry[];
}

interface SimNode {
  id: string;
  disk: Disk;
  core: RaftCore;
  pending?: Ready;
  /** State machine: the commands applied so far, index i at position i-1. */
  sm: string[];
}


/** Core settings a scenario may change (defaults: batches of 3, 2 in flight). */
export interface SimOptions {
  maxBatch?: number;
  maxInflight?: number;
}

/**
 * How a simulated client read is served: through the core (`read-index`, `lease`), or `local`: the
 * node answers from its applied state at once if it believes it is leader (the server's `local` mode).
 */
export type SimReadMode = 'read-index' | 'lease' | 'local';

/** What happened to a read when it was issued: `pending` ones are confirmed (or failed) later. */
export interface SimReadResult {
  status: 'pending' | 'refused' | 'served' | 'stale';
  /** Applied index the read was served at (`local` reads). */
  index?: number;
}

/** A simulated cluster of pure Raft cores with a simulated network, disks, clock and client reads. */
export class SimCluster {
  readonly nodes: SimNode[] = [];
  network: Message[] = [];
  now = 0;
  private readonly random: () => number;
  readonly safety = new SafetyChecker();
  /** Read id → highest commit index in the cluster when it was asked. */
  private reads = new Map<number, number>();
  private nextRead = 1;
  /** Reads confirmed by the core (read-index, lease) or served fresh in `local` mode. */
  confirmedReads = 0;
  /** `local` reads served from state older than the commit index when asked (that mode allows it). */
  staleLocalReads = 0;
  /** Reads the core gave up on (leadership lost): the client is told not-leader. */
  failedReads = 0;
  /** Network partition: node → side; a message between different sides is lost (no entry: side 0). */
  private readonly side = new Map<string, number>();
  private sides = 0;
  /** Stopped nodes (SIGSTOP): no delivery to them, no timers, no persistence, no client requests. */
  readonly paused = new Set<string>();

  constructor(size: number, seed: number, private readonly options: SimOptions = {}) {
    this.random = seededRandom(seed);
    const ids = Array.from({ length: size }, (_, i) => `n${i + 1}`);
    for (const id of ids) {
      const disk: Disk = { hardState: { term: 0, vote: null }, snapshot: { index: 0, term: 0, data: '[]' }, base: 0, baseTerm: 0, entries: [] };
      this.nodes.push({ id, disk, core: undefined as unknown as RaftCore, sm: [] });
    }
    for (const n of this.nodes) this.boot(n);
  }

  private boot(n: SimNode): void {
    const peers = this.nodes.map((m) => m.id).filter((id) => id !== n.id);
    const d = n.disk;
    n.core = new RaftCore(
      { id: n.id, peers, electionTimeout: 100, heartbeatInterval: 20, maxBatch: this.options.maxBatch ?? 3, maxInflight: this.options.maxInflight ?? 2, leaseFraction: 0.9, random: this.random },
      { hardState: { ...d.hardState }, snapshot: d.snapshot, log: new RaftLog(d.base, d.baseTerm, d.entries) },
      this.now,
      this.now,
    );
    n.pending = undefined;
    n.sm = JSON.parse(d.snapshot.data) as string[];
  }

  /** Runs the shell's duties for every node after an input: early sends, taking a Ready. */
  private pump(): void {
    for (const n of this.nodes) {
      this.network.push(...n.core.takeEarly());
      if (!n.pending && n.core.hasReady()) n.pending = n.core.ready();
    }
    this.check();
  }

  /** Delivers (or with `duplicate`, delivers a copy of) in-flight message `i` modulo their number. */
  deliver(i: number, duplicate = false): void {
    if (this.network.length === 0) return;
    const k = i % this.network.length;
    const m = this.network[k];
    if (this.paused.has(m.to)) return;
    if (!duplicate) this.network.splice(k, 1);
    this.receive(m);
  }

  /** Hands `m` (already taken off the network) to its destination unless a partition loses it. */
  private receive(m: Message): void {
    if ((this.side.get(m.from) ?? 0) !== (this.side.get(m.to) ?? 0)) return;
    this.nodes.find((n) => n.id === m.to)!.core.step(structuredClone(m));
    this.pump();
  }

  /** Delivers, in order, every in-flight message that `which` selects; the others stay in flight. */
  deliverWhere(which: (m: Message) => boolean): void {
    const now = this.network.filter((m) => which(m) && !this.paused.has(m.to));
    this.network = this.network.filter((m) => !now.includes(m));
    for (const m of now) this.receive(m);
  }

  /**
   * Node `node`'s election timer fires now: it starts a pre-vote, unless it leads, is paused, or heard
   * from a leader less than an election timeout ago (its timer cannot fire that early, and leases rely on it).
   */
  campaign(node: number): void {
    const n = this.nodes[node % this.nodes.length];
    if (this.paused.has(n.id) || this.now < n.core.voteFenceUntil) return;
    n.core.campaign();
    this.pump();
  }

  /** Stops node `node` (or a leader, see `pick`) as SIGSTOP does. */
  pause(node: number): void {
    this.paused.add(this.pick(node).id);
  }

  /** Continues paused node `node` (by index) with its state; its clock catches up, timers fire on the next tick. */
  resume(node: number): void {
    const n = this.nodes[node % this.nodes.length];
    if (!this.paused.delete(n.id)) return;
    n.core.setTime(this.now, this.now);
    this.pump();
  }

  /** Resumes the `k`-th paused node (modulo their number), if any; returns its index. */
  resumeAny(k: number): number | undefined {
    const ids = [...this.paused];
    if (ids.length === 0) return undefined;
    const i = this.nodes.findIndex((n) => n.id === ids[k % ids.length]);
    this.resume(i);
    return i;
  }

  /** Partitions node `node` (see `pick`) away from all others (until `heal`). */
  isolate(node: number): void {
    this.cut([node]);
  }

  /** Moves `nodes` (see `pick`) together to a new side of the partition, cut off from all others. */
  cut(nodes: number[]): void {
    const side = ++this.sides;
    for (const node of nodes) this.side.set(this.pick(node).id, side);
  }

  /** Ends every partition. */
  heal(): void {
    this.side.clear();
  }

  drop(i: number): void {
    if (this.network.length > 0) this.network.splice(i % this.network.length, 1);
  }

  /** Advances the clock by `ms` and ticks every running node. */
  advance(ms: number): void {
    this.now += ms;
    for (const n of this.nodes) {
      if (this.paused.has(n.id)) continue;
      n.core.setTime(this.now, this.now);
      n.core.tick();
    }
    this.pump();
  }

  /**
   * Node `node`; for a number past the last node, a node that believes it is leader (if any): the one
   * with the newest term for an even number, the one with the oldest term (likely deposed) for an odd one.
   */
  private pick(node: number): SimNode {
    if (node >= this.nodes.length) {
      const leaders = this.nodes.filter((n) => n.core.role === 'leader').sort((a, b) => b.core.term - a.core.term);
      const leader = node % 2 === 0 ? leaders[0] : leaders[leaders.length - 1];
      if (leader) return leader;
    }
    return this.nodes[node % this.nodes.length];
  }

  /** Index of the node that believes it leads with the newest term, if any. */
  leaderIndex(): number | undefined {
    const i = this.nodes.indexOf(this.pick(this.nodes.length + (this.nodes.length % 2)));
    return this.nodes[i].core.role === 'leader' ? i : undefined;
  }

  /**
   * A client proposes `cmd` at node `node` (see `pick`); a paused node does not answer. Returns the
   * node (by index) and where the entry went, when that node accepted it as leader.
   */
  propose(node: number, cmd: string): { node: number; index: number; term: number } | undefined {
    const n = this.pick(node);
    if (this.paused.has(n.id)) return undefined;
    const at = n.core.propose(cmd);
    this.pump();
    return at && { node: this.nodes.indexOf(n), ...at };
  }

  /** A client reads at node `node` (see `pick`); a stale `read-index` or `lease` read throws when confirmed. */
  read(node: number, mode: SimReadMode = 'read-index'): SimReadResult {
    const n = this.pick(node);
    if (this.paused.has(n.id)) return { status: 'refused' };
    const floor = this.safety.maxCommit;
    if (mode === 'local') {
      if (n.core.role !== 'leader') return { status: 'refused' };
      const index = n.sm.length;
      if (index < floor) {
        this.staleLocalReads++;
        return { status: 'stale', index };
      }
      this.confirmedReads++;
      return { status: 'served', index };
    }
    const id = this.nextRead++;
    this.reads.set(id, floor);
    n.core.readIndex(id, mode === 'lease');
    this.pump();
    return { status: 'pending' };
  }

  /** Makes node's pending Ready durable, sends its messages, applies its committed entries. */
  persist(node: number): void {
    const n = this.nodes[node % this.nodes.length];
    const rd = n.pending;
    if (!rd || this.paused.has(n.id)) return;
    n.pending = undefined;
    const d = n.disk;
    if (rd.hardState) d.hardState = { ...rd.hardState };
    if (rd.snapshot) {
      d.snapshot = rd.snapshot;
      d.base = rd.snapshot.index;
      d.baseTerm = rd.snapshot.term;
      d.entries = [];
      n.sm = JSON.parse(rd.snapshot.data) as string[];
      this.safety.checkApplied(n.id, 1, n.sm);
    }
    if (rd.entries.length) {
      const first = rd.entries[0].index;
      if (first > d.base + d.entries.length + 1) throw new Error(`${n.id}: gap writing ${first} after ${d.base + d.entries.length}`);
      d.entries = d.entries.slice(0, Math.max(0, first - d.base - 1)).concat(rd.entries.filter((e) => e.index > d.base));
    }
    this.network.push(...rd.messages);
    for (const e of rd.committed) {
      if (e.index !== n.sm.length + 1) throw new Error(`${n.id}: applying ${e.index} after ${n.sm.length}`);
      n.sm.push(e.cmd);
      this.safety.checkApplied(n.id, e.index, [e.cmd]);
    }
    for (const r of rd.reads) {
      const floor = this.reads.get(r.id)!;
      if (r.index < floor) throw new Error(`${n.id}: stale read ${r.id} at index ${r.index} < commit ${floor} before it`);
      this.confirmedReads++;
    }
    this.failedReads += rd.failedReads.length;
    n.core.advance(rd);
    this.pump();
  }

  /** kill -9 (paused or not) and restart from the simulated disk. */
  crash(node: number): void {
    const n = this.nodes[node % this.nodes.length];
    this.paused.delete(n.id);
    this.boot(n);
    this.pump();
  }

  /** Snapshots node's state machine at its applied index and compacts its log, keeping `keep` entries. */
  compact(node: number, keep: number): void {
    const n = this.nodes[node % this.nodes.length];
    const index = n.sm.length;
    const term = n.core.log.term(index);
    if (index <= n.core.snapshot.index || term === undefined || n.pending || this.paused.has(n.id)) return;
    const snap: Snapshot = { index, term, data: JSON.stringify(n.sm) };
    n.core.compact(snap, index - keep);
    n.disk.snapshot = snap;
    const cut = n.core.log.base;
    n.disk.entries = n.disk.entries.filter((e) => e.index > cut);
    if (cut > n.disk.base) {
      n.disk.baseTerm = n.core.log.baseTerm;
      n.disk.base = cut;
    }
    this.pump();
  }

  /** Asserts the safety properties over the current state of every node. */
  check(): void {
    this.safety.check(this.nodes.map((n) => n.core));
  }

  /** `rounds` times: delivers every message now in flight to a running node, in order, then persists every node. */
  flush(rounds = 3): void {
    for (let r = 0; r < rounds; r++) {
      this.deliverWhere(() => true);
      this.nodes.forEach((_, i) => this.persist(i));
    }
  }

  /** Heals (partitions and pauses): runs rounds of full delivery and persistence; returns the leader once one is stable. */
  stabilize(rounds: number): RaftCore | undefined {
    this.heal();
    for (const id of [...this.paused]) this.resume(this.nodes.findIndex((n) => n.id === id));
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < 20 && (this.network.length > 0 || this.nodes.some((n) => n.pending)); k++) {
        while (this.network.length > 0) this.deliver(0);
        this.nodes.forEach((_, i) => this.persist(i));
      }
      this.advance(10);
    }
    const leaders = this.nodes.filter((n) => n.core.role === 'leader').map((n) => n.core);
    return leaders.sort((x, y) => y.term - x.term)[0];
  }

  /** Commands applied on every node (their common prefix must be identical). */
  applied(): string[][] {
    return this.nodes.map((n) => n.sm);
  }
}
