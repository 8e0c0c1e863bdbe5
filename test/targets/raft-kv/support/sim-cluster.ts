/**
 * A deterministic simulated cluster for the pure Raft core: simulated disks (what survives a crash),
 * a network that can drop, duplicate and reorder messages, and one global clock. It plays the role
 * of the I/O shell exactly as the real server does: early messages are sent at once, the rest of a
 * `Ready` only after its state is on the simulated disk; a crash loses everything not yet persisted.
 *
 * After every action `check()` asserts the Raft safety properties: election safety, log matching,
 * leader completeness, state-machine safety, and that confirmed reads are not stale.
 */
import { RaftCore } from '../../../../targets/raft-kv/core/raft.js';
import { RaftLog } from '../../../../targets/raft-kv/core/raft-log.js';
import type { Entry, HardState, Message, Ready, Snapshot } from '../../../../targets/raft-kv/core/types.js';

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

/** Seeded uniform [0,1) generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class SimCluster {
  readonly nodes: SimNode[] = [];
  network: Message[] = [];
  now = 0;
  private readonly random: () => number;
  private leaders = new Map<number, string>();
  /** index → entry of every entry any node has seen committed, with the term it was observed in. */
  private committed = new Map<number, { entry: Entry; seenInTerm: number }>();
  private maxCommit = 0;
  private reads = new Map<number, number>();
  private nextRead = 1;
  confirmedReads = 0;
  /** Nodes cut off from everyone: messages from or to them are lost. */
  readonly isolated = new Set<string>();

  constructor(size: number, seed: number) {
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
      { id: n.id, peers, electionTimeout: 100, heartbeatInterval: 20, maxBatch: 3, maxInflight: 2, leaseFraction: 0.9, random: this.random },
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

  deliver(i: number, duplicate = false): void {
    if (this.network.length === 0) return;
    const k = i % this.network.length;
    const m = this.network[k];
    if (!duplicate) this.network.splice(k, 1);
    if (this.isolated.has(m.from) || this.isolated.has(m.to)) return;
    this.nodes.find((n) => n.id === m.to)!.core.step(structuredClone(m));
    this.pump();
  }

  /** Partitions node `node` away from all others (until `heal`). */
  isolate(node: number): void {
    this.isolated.add(this.pick(node).id);
  }

  heal(): void {
    this.isolated.clear();
  }

  drop(i: number): void {
    if (this.network.length > 0) this.network.splice(i % this.network.length, 1);
  }

  advance(ms: number): void {
    this.now += ms;
    for (const n of this.nodes) {
      n.core.setTime(this.now, this.now);
      n.core.tick();
    }
    this.pump();
  }

  /** Node `node`, or for a number past the last node, the current leader (if any). */
  private pick(node: number): SimNode {
    if (node >= this.nodes.length) {
      const leader = this.nodes.filter((n) => n.core.role === 'leader').sort((a, b) => b.core.term - a.core.term)[0];
      if (leader) return leader;
    }
    return this.nodes[node % this.nodes.length];
  }

  propose(node: number, cmd: string): void {
    this.pick(node).core.propose(cmd);
    this.pump();
  }

  read(node: number, lease: boolean): void {
    const id = this.nextRead++;
    this.reads.set(id, this.maxCommit);
    this.pick(node).core.readIndex(id, lease);
    this.pump();
  }

  /** Makes node's pending Ready durable, sends its messages, applies its committed entries. */
  persist(node: number): void {
    const n = this.nodes[node % this.nodes.length];
    const rd = n.pending;
    if (!rd) return;
    n.pending = undefined;
    const d = n.disk;
    if (rd.hardState) d.hardState = { ...rd.hardState };
    if (rd.snapshot) {
      d.snapshot = rd.snapshot;
      d.base = rd.snapshot.index;
      d.baseTerm = rd.snapshot.term;
      d.entries = [];
      n.sm = JSON.parse(rd.snapshot.data) as string[];
      this.checkApplied(n, 1, n.sm);
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
      this.checkApplied(n, e.index, [e.cmd]);
    }
    for (const r of rd.reads) {
      const floor = this.reads.get(r.id)!;
      if (r.index < floor) throw new Error(`${n.id}: stale read ${r.id} at index ${r.index} < commit ${floor} before it`);
      this.confirmedReads++;
    }
    n.core.advance(rd);
    this.pump();
  }

  /** kill -9 and restart from the simulated disk. */
  crash(node: number): void {
    this.boot(this.nodes[node % this.nodes.length]);
    this.pump();
  }

  /** Snapshots node's state machine at its applied index and compacts its log, keeping `keep` entries. */
  compact(node: number, keep: number): void {
    const n = this.nodes[node % this.nodes.length];
    const index = n.sm.length;
    const term = n.core.log.term(index);
    if (index <= n.core.snapshot.index || term === undefined || n.pending) return;
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

  private checkApplied(n: SimNode, from: number, cmds: string[]): void {
    cmds.forEach((cmd, k) => {
      const c = this.committed.get(from + k);
      if (c && c.entry.cmd !== cmd) throw new Error(`${n.id}: applied ${JSON.stringify(cmd)} at ${from + k}, committed was ${JSON.stringify(c.entry.cmd)}`);
    });
  }

  /** Asserts the safety properties over the current state of every node. */
  check(): void {
    for (const n of this.nodes) {
      const c = n.core;
      if (c.role === 'leader') {
        const other = this.leaders.get(c.term);
        if (other && other !== n.id) throw new Error(`election safety: ${other} and ${n.id} both lead term ${c.term}`);
        this.leaders.set(c.term, n.id);
        for (const [i, { entry, seenInTerm }] of this.committed) {
          if (seenInTerm >= c.term || i <= c.log.base) continue;
          if (c.log.term(i) !== entry.term) throw new Error(`leader completeness: ${n.id} (term ${c.term}) lacks committed ${i}@${entry.term}`);
        }
      }
      for (let i = Math.max(c.log.base + 1, 1); i <= c.commit; i++) {
        const e = c.log.entry(i)!;
        const seen = this.committed.get(i);
        if (!seen) this.committed.set(i, { entry: e, seenInTerm: c.term });
        else if (seen.entry.term !== e.term || seen.entry.cmd !== e.cmd) throw new Error(`state machine safety: ${n.id} commits ${i}@${e.term}, others ${i}@${seen.entry.term}`);
      }
      this.maxCommit = Math.max(this.maxCommit, c.commit);
    }
    for (let a = 0; a < this.nodes.length; a++) {
      for (let b = a + 1; b < this.nodes.length; b++) checkLogMatching(this.nodes[a].core.log, this.nodes[b].core.log);
    }
  }

  /** `rounds` times: delivers every message now in flight, in order, then persists every node. */
  flush(rounds = 3): void {
    for (let r = 0; r < rounds; r++) {
      for (let k = this.network.length; k > 0 && this.network.length > 0; k--) this.deliver(0);
      this.nodes.forEach((_, i) => this.persist(i));
    }
  }

  /** Heals: runs rounds of full delivery and persistence; returns the leader once one is stable. */
  stabilize(rounds: number): RaftCore | undefined {
    this.isolated.clear();
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

/** Log matching: if two logs agree on the term at an index, they agree on everything up to it. */
function checkLogMatching(a: RaftLog, b: RaftLog): void {
  const lo = Math.max(a.base, b.base) + 1;
  const hi = Math.min(a.lastIndex(), b.lastIndex());
  let agreed = false;
  for (let i = hi; i >= lo; i--) {
    const ea = a.entry(i)!;
    const eb = b.entry(i)!;
    if (agreed || ea.term === eb.term) {
      agreed = true;
      if (ea.term !== eb.term || ea.cmd !== eb.cmd) throw new Error(`log matching: logs agree above ${i} but differ at ${i}`);
    }
  }
}
