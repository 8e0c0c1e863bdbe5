/**
 * The engine's vocabulary: the history records it reads, the transactions it extracts from them, the
 * anomaly kinds it can name, and what it returns.
 *
 * A history is Jepsen's: every transaction is an `invoke` record followed (on the same process) by its
 * completion, `ok` (it committed), `fail` (it certainly did not) or `info` (unknown: it may have
 * committed at any time after its invoke, or never). A transaction's value is a list of micro-ops
 * `[f, key, value]`: `['append', k, v]` and `['r', k, [v1, v2, …]]` for list-append histories, `['w', k, v]`
 * and `['r', k, v]` for rw-register histories. Reads carry their values only in an `ok` completion.
 *
 * The engine imports nothing from the rest of faultline: these shapes are its whole interface.
 */

/** One history record, as the engine needs it (faultline's and Jepsen's ops both fit). */
export interface HistoryOp {
  /** The record's index in the history, used to name it in explanations and errors. */
  index: number;
  type: 'invoke' | 'ok' | 'fail' | 'info';
  /** Worker process id; records of process `"nemesis"` are ignored. */
  process: number | string;
  f: string;
  value: unknown;
}

/** A key of the database: a string or a number (`1` and `"1"` are different keys). */
export type Key = string | number;

/** How a transaction ended: committed, unknown, certainly not committed. */
export const TxnStatus = { ok: 0, info: 1, fail: 2 } as const;
/** One of the `TxnStatus` values. */
export type TxnStatus = (typeof TxnStatus)[keyof typeof TxnStatus];

/**
 * Every transaction (an invoke and its completion), as parallel arrays indexed by transaction id (ids
 * are dense, in invoke order). A transaction's micro-ops are `mopStart[t]` (inclusive) to `mopEnd[t]`
 * (exclusive) in the `Mops` table.
 */
export interface Txns {
  count: number;
  status: Uint8Array;
  process: (number | string)[];
  /** `index` of the invoke record, and of the completion (-1 when the history ended first). */
  invokeIndex: Int32Array;
  completeIndex: Int32Array;
  /** Positions in the history array (real-time order); `completePos` -1 when absent. */
  invokePos: Int32Array;
  completePos: Int32Array;
  mopStart: Int32Array;
  mopEnd: Int32Array;
}

/** Micro-op functions, as small integers in the `Mops` table. */
export const MopF = { read: 0, append: 1, write: 2 } as const;
/** One of the `MopF` values. */
export type MopF = (typeof MopF)[keyof typeof MopF];

/** Every micro-op of every transaction, as parallel arrays indexed by micro-op id. */
export interface Mops {
  count: number;
  /** The transaction each micro-op belongs to. */
  txn: Int32Array;
  f: Uint8Array;
  /** Interned key id (see `keys`). */
  key: Int32Array;
  /**
   * Appended or written value; for a read in an `ok` transaction the value read (list-append: an array,
   * `null` read as `[]`); for a read whose outcome is unknown, `undefined`.
   */
  value: unknown[];
  /** Key id → key. */
  keys: Key[];
}

/** Dependency cycle kinds, most severe first; see `cycle-kinds.ts`. */
export const CYCLE_KINDS = [
  'G0', 'G1c', 'G-single', 'G-nonadjacent', 'G2-item',
  'G0-process', 'G1c-process', 'G-single-process', 'G-nonadjacent-process', 'G2-item-process',
  'G0-realtime', 'G1c-realtime', 'G-single-realtime', 'G-nonadjacent-realtime', 'G2-item-realtime',
] as const;
/** A kind of dependency cycle. */
export type CycleKind = (typeof CYCLE_KINDS)[number];

/** Anomalies found without a cycle search. */
export const DIRECT_KINDS = [
  'G1a', 'G1b', 'internal', 'future-read', 'fractured-read', 'duplicate-elements', 'incompatible-order', 'dirty-update', 'lost-update',
  'garbage-read',
] as const;
/** A kind of anomaly found without a cycle search. */
export type DirectKind = (typeof DIRECT_KINDS)[number];

/**
 * A read that missed a write from its causal past (transactional causal consistency, see `causal.ts`);
 * found by its own search inside the cyclic components, not as a cycle class.
 */
export type CausalKind = 'causal-cycle';

/** Every anomaly kind the engine reports. */
export type AnomalyKind = CycleKind | DirectKind | CausalKind;

/** Kinds a search can leave undecided when it runs out of budget. */
export type UndecidedKind = CycleKind | CausalKind;

/** A labelled dependency between two transactions of a cycle. */
export interface CycleStep {
  from: number;
  to: number;
  /** `ww`, `wr`, `rw`, `process` or `realtime` (see `edge-bits.ts` for derived ww/rw). */
  label: string;
  /** Why the dependency holds, in words. */
  why: string;
}

/** One anomaly. Transactions are named by their id (see `Txns`). */
export interface ElleAnomaly {
  kind: AnomalyKind;
  /** The transactions involved (for a cycle, in cycle order). */
  txns: number[];
  /** The key concerned, for single-key anomalies. */
  key?: Key;
  /** A plain explanation a person can follow. */
  explanation: string;
  /** For cycle anomalies: the cycle, and whether it is the shortest of its kind in its component. */
  cycle?: { steps: CycleStep[]; shortest: boolean; componentSize: number };
  /** Kind-specific data (values read, expected states, …). */
  detail?: Record<string, unknown>;
}

/** What to infer and how hard to search. */
export interface ElleOptions {
  /** Add process-order edges (needed for strong-session models). */
  process: boolean;
  /** Add real-time edges (needed for strict serializability). */
  realtime: boolean;
  /** Edge relaxations allowed per strongly connected component before the cycle search stops. */
  budget: number;
}

/** What an analysis returns. */
export interface ElleResult {
  anomalies: ElleAnomaly[];
  /**
   * Kinds whose search ran out of budget in some component without settling the question (or, for
   * `causal-cycle`, could not be complete: see `causal.ts`).
   */
  undecided: UndecidedKind[];
  /** Transactions by id (for naming them in reports). */
  txns: Txns;
  stats: Record<string, number>;
  /** Milliseconds spent extracting transactions, building the graph (with the direct checks), and in the cycle search. */
  ms: { extract: number; graph: number; cycles: number };
}
