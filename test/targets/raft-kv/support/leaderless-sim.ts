/**
 * A deterministic simulation of the leaderless mode: `LeaderlessReplica`s (the pure core the server
 * runs) exchanging the server's messages — pushes after each local change, digests and the cells that
 * answer them — over a network that loses, duplicates, reorders and partitions, each node reading its
 * own wall clock, which a schedule may set back or forward. Every local op is acknowledged at once
 * (the server acknowledges once journaled; a crash here rebuilds the replica from its journal, as
 * recovery does). `settle()` heals and runs anti-entropy until no message is left in flight.
 */
import type { LeaderlessMessage } from '../../../../targets/raft-kv/leaderless/messages.js';
import type { Timestamp } from '../../../../targets/raft-kv/leaderless/hlc.js';
import { EMPTY_REPLICA, LeaderlessReplica, type ClockMode, type JournalRecord, type LocalOp } from '../../../../targets/raft-kv/leaderless/replica.js';

interface SimNode {
  id: string;
  replica: LeaderlessReplica;
  journal: JournalRecord[];
  /** Offset of this node's wall clock from true time, ms. */
  offset: number;
  side: number;
}

/** An acknowledged client op, with the node, the true time it was acknowledged at and its version's timestamp. */
export interface Acked {
  op: LocalOp;
  node: string;
  at: number;
  ts: Timestamp;
}

export class LeaderlessSim {
  readonly nodes: SimNode[];
  network: LeaderlessMessage[] = [];
  /** True time, ms. */
  now = 1_000_000;
  readonly acked: Acked[] = [];
  private seq = 0;

  constructor(size: number, readonly clockMode: ClockMode) {
    this.nodes = Array.from({ length: size }, (_, i) => ({ id: `n${i + 1}`, replica: new LeaderlessReplica(`n${i + 1}`, clockMode), journal: [], offset: 0, side: 0 }));
  }

  private node(i: number): SimNode {
    return this.nodes[i % this.nodes.length];
  }

  private wall(n: SimNode): number {
    return this.now + n.offset;
  }

  /** A client's write, add or incr at node `i`; acknowledged (and pushed) at once unless refused. */
  op(i: number, f: 'write' | 'add' | 'incr', key: string, value: unknown): void {
    const n = this.node(i);
    const op = { client: `c${n.id}`, seq: ++this.seq, f, key, value } as LocalOp;
    const { result, record, ts } = n.replica.local(op, this.wall(n));
    if (!record || !ts || result.type !== 'ok') return;
    n.journal.push(record);
    this.acked.push({ op, node: n.id, at: this.now, ts });
    if (record.patches.length === 0) return;
    for (const m of this.nodes) if (m !== n) this.network.push({ type: 'push', from: n.id, to: m.id, patches: record.patches });
  }

  /** Node `i` sends its digest to every peer (an anti-entropy round of its own). */
  antiEntropy(i: number): void {
    const n = this.node(i);
    const digest = n.replica.digest();
    for (const m of this.nodes) if (m !== n) this.network.push({ type: 'digest', from: n.id, to: m.id, digest });
  }

  /** Delivers (or with `duplicate`, a copy of) in-flight message `k` modulo their number; a partition loses it. */
  deliver(k: number, duplicate = false): void {
    if (this.network.length === 0) return;
    const at = k % this.network.length;
    const m = this.network[at];
    if (!duplicate) this.network.splice(at, 1);
    const from = this.nodes.find((x) => x.id === m.from)!;
    const to = this.nodes.find((x) => x.id === m.to)!;
    if (from.side !== to.side) return;
    const wall = this.wall(to);
    const msg = structuredClone(m);
    let changed = msg.type === 'push' ? to.replica.receive(msg.patches, wall) : msg.type === 'cells' ? to.replica.receiveStore(msg.store, wall) : [];
    if (msg.type === 'digest') {
      const store = to.replica.differing(msg.digest);
      if (Object.keys(store).length > 0) this.network.push({ type: 'cells', from: to.id, to: from.id, store: structuredClone(store) });
      changed = [];
    }
    if (changed.length > 0) to.journal.push({ patches: changed });
  }

  drop(k: number): void {
    if (this.network.length > 0) this.network.splice(k % this.network.length, 1);
  }

  /** True time passes. */
  advance(ms: number): void {
    this.now += ms;
  }

  /** Sets node `i`'s clock offset (clock nemesis). */
  skew(i: number, offsetMs: number): void {
    this.node(i).offset = offsetMs;
  }

  /** Cuts node `i` off from the others (until `heal`). */
  isolate(i: number): void {
    this.node(i).side = 1;
  }

  heal(): void {
    for (const n of this.nodes) n.side = 0;
  }

  /** kill -9 and restart: the replica rebuilt from its journal (every record is durable here). */
  crash(i: number): void {
    const n = this.node(i);
    n.replica = LeaderlessReplica.restore(EMPTY_REPLICA, n.id, this.clockMode);
    for (const r of n.journal) n.replica.replay(r);
  }

  /** Heals, then delivers everything and runs anti-entropy rounds until nothing is left in flight. */
  settle(): void {
    this.heal();
    for (let round = 0; round < 5; round++) {
      while (this.network.length > 0) this.deliver(0);
      this.nodes.forEach((_, i) => this.antiEntropy(i));
    }
    while (this.network.length > 0) this.deliver(0);
  }

  /** What every node reads for `key`. */
  reads(key: string): unknown[] {
    return this.nodes.map((n) => n.replica.read(key));
  }
}
