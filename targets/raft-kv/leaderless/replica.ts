/**
 * One node's replica in the leaderless mode, without I/O: its keys (cells.ts), its clock, and its
 * client session table. The I/O shell (node.ts) journals what these methods return and sends it on.
 *
 * - `local(req, wall)`: a client's write, add or incr, stamped by this node's clock (HLC, or the wall
 *   clock under `lww-clock=wall`) and merged like a peer's change (so a version stamped older than
 *   the one held is dropped, acknowledged or not); returns the result and the patches to journal and
 *   push. A (client, seq) already applied here answers its recorded result and changes nothing (sessions are
 *   per node: the client retries an indefinite op only at the node that may have applied it).
 * - `receive(patches, wall)`: a peer's pushed patches; returns those that changed something.
 * - `digest()` / `differing(digest)` / `receiveStore(store, wall)`: anti-entropy (digests.ts).
 *
 * Every timestamp received moves the HLC forward, so a later local event is stamped after it.
 */
import type { KvResult } from '../kv/protocol.js';
import { kindOf, readKey, type Counts, type KeyState, type Store } from './cells.js';
import { Fingerprints, storePatches, type Digest } from './digests.js';
import { hlcReceive, hlcTick, maxHlc, wallTick, ZERO_HLC, type Hlc, type Timestamp } from './hlc.js';
import { assignPatch, cellAt, patchTs, receivePatch, type Patch } from './patches.js';

/** How versions are stamped: hybrid logical clock, or the wall clock (the `lww-clock=wall` fault switch). */
export type ClockMode = 'hlc' | 'wall';

/** A local op the replica applies. */
export type LocalOp = { client: string; seq: number } & ({ f: 'write'; key: string; value: unknown } | { f: 'add'; key: string; value: unknown } | { f: 'incr'; key: string; value: number });

/** A journal record: the patches of one change, and the session entry of a client op. */
export interface JournalRecord {
  patches: Patch[];
  session?: [client: string, seq: number, result: KvResult];
}

const KIND = { write: 'register', add: 'set', incr: 'counter' } as const;

export class LeaderlessReplica {
  readonly keys = new Map<string, KeyState>();
  private sessions = new Map<string, { seq: number; result: KvResult }>();
  private fingerprints = new Fingerprints();
  clock: Hlc = ZERO_HLC;

  constructor(
    readonly node: string,
    readonly clockMode: ClockMode,
  ) {}

  /** What `key` reads as here. */
  read(key: string): unknown {
    return readKey(this.keys.get(key));
  }

  /**
   * Applies a client op here; `record` is undefined for a repeat, which changes nothing. `ts` is the
   * timestamp the op was stamped with (absent for a repeat or a wrong-type op); its patch may still
   * have been dropped, under `lww-clock=wall`, as older than the version held.
   */
  local(op: LocalOp, wall: number): { result: KvResult; record?: JournalRecord; ts?: Timestamp } {
    const s = this.sessions.get(op.client);
    if (s && op.seq === s.seq) return { result: s.result };
    if (s && op.seq < s.seq) return { result: { type: 'fail', error: 'stale-request' } };
    const has = kindOf(this.keys.get(op.key));
    let result: KvResult = { type: 'ok' };
    const patches: Patch[] = [];
    let ts: Timestamp | undefined;
    if (has !== undefined && has !== KIND[op.f]) result = { type: 'fail', error: 'wrong-type' };
    else {
      ts = this.stamp(wall);
      // A node's own change goes through the same rule as a peer's: a version stamped older than the
      // one held loses. Under the HLC that never happens (its stamps pass every one seen here); on the
      // wall clock it is how an acknowledged write is lost once the clock went back.
      const patch = this.change(op, ts);
      if (receivePatch(this.keys, patch)) {
        patches.push(patch);
        this.fingerprints.changed(op.key);
      }
    }
    const record: JournalRecord = { patches, session: [op.client, op.seq, result] };
    this.sessions.set(op.client, { seq: op.seq, result });
    return { result, record, ...(ts ? { ts } : {}) };
  }

  private stamp(wall: number): Timestamp {
    this.clock = this.clockMode === 'hlc' ? hlcTick(this.clock, wall) : wallTick(this.clock, wall);
    return { ...this.clock, node: this.node };
  }

  private change(op: LocalOp, ts: Timestamp): Patch {
    const k = this.keys.get(op.key);
    if (op.f === 'write') return { kind: 'cell', key: op.key, part: 'reg', slot: '', cell: { ts, value: op.value } };
    if (op.f === 'add') return { kind: 'add', key: op.key, slot: this.node, ts, base: cellAt(k, 'set', this.node)?.ts ?? null, element: op.value };
    const c = (cellAt(k, 'ctr', this.node)?.value as Counts | undefined) ?? { p: 0, n: 0 };
    const d = op.value;
    return { kind: 'cell', key: op.key, part: 'ctr', slot: this.node, cell: { ts, value: { p: c.p + Math.max(d, 0), n: c.n + Math.max(-d, 0) } } };
  }

  /** Takes a peer's pushed patches; returns the ones that changed something (to journal). */
  receive(patches: readonly Patch[], wall: number): Patch[] {
    const changed = patches.filter((p) => {
      this.observe(patchTs(p), wall);
      const did = receivePatch(this.keys, p);
      if (did) this.fingerprints.changed(p.key);
      return did;
    });
    return changed;
  }

  /** Merges a peer's state of some keys (anti-entropy); returns the cells that changed, as patches. */
  receiveStore(store: Store, wall: number): Patch[] {
    return this.receive(storePatches(store), wall);
  }

  private observe(ts: Timestamp, wall: number): void {
    if (this.clockMode === 'hlc') this.clock = hlcReceive(this.clock, ts, wall);
  }

  /** Re-applies a journal record (recovery), reproducing the state it recorded. */
  replay(r: JournalRecord): void {
    for (const p of r.patches) {
      assignPatch(this.keys, p);
      this.fingerprints.changed(p.key);
      this.clock = maxHlc(this.clock, patchTs(p));
    }
    if (r.session) this.sessions.set(r.session[0], { seq: r.session[1], result: r.session[2] });
  }

  /** A fingerprint of every key's state. */
  digest(): Digest {
    return this.fingerprints.digest(this.keys);
  }

  /** This replica's state of every key whose fingerprint in the peer's `digest` differs or is missing. */
  differing(digest: Digest): Store {
    return this.fingerprints.differing(this.keys, digest);
  }

  /** Keys, sessions and clock as text (a snapshot). */
  snapshot(): string {
    return JSON.stringify({ keys: [...this.keys], sessions: [...this.sessions], clock: this.clock });
  }

  /** A replica from `snapshot()` output. */
  static restore(text: string, node: string, clockMode: ClockMode): LeaderlessReplica {
    const r = new LeaderlessReplica(node, clockMode);
    const s = JSON.parse(text) as { keys: [string, KeyState][]; sessions: [string, { seq: number; result: KvResult }][]; clock: Hlc };
    for (const [key, k] of s.keys) r.keys.set(key, k);
    r.sessions = new Map(s.sessions);
    r.clock = s.clock;
    return r;
  }
}

/** The snapshot of an empty replica. */
export const EMPTY_REPLICA = JSON.stringify({ keys: [], sessions: [], clock: ZERO_HLC });
