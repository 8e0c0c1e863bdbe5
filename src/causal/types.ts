/**
 * The vocabulary of the causal engine: what a history is, what the causal order is made of, and what
 * a violation looks like.
 *
 * A history is a set of processes (client sessions), each a sequence of reads and writes on keys —
 * each key an independent read/write register that starts at the initial value. The engine judges
 * differentiated histories (Bouajjani, Enea, Guerraoui and Hamza, "On Verifying Causal Consistency",
 * POPL 2017): every value is written at most once per key, so a read's value names the write it read
 * from, and a read of `null` reads the initial value. Every op given to the engine happened: whoever
 * feeds it decides what to do with ops whose outcome is unknown (faultline's adapter keeps an unknown
 * write only if some read observed its value, see `src/checkers/weak-history.ts`).
 *
 * Relations, as in the paper:
 *  - po (program order): the order of each process's ops;
 *  - rf (reads-from): from a write to each read that returned its value;
 *  - co (causal order): (po ∪ rf)+ — "w co r" reads "w is in r's causal past";
 *  - cf (conflict, CCv): w1 cf w2 when some read r has w1 in its causal past and reads from w2;
 *  - hb (happens-before of one process, CM): see `memory.ts`.
 */

/**
 * A register value; `null` is the initial value (a read of `null` reads the initial state). An integer
 * beyond 2^53 is a `bigint`, compared exactly (as a Map key a bigint is equal by value).
 */
export type Value = string | number | bigint | null;

/** One op given to the engine. Ops of one process must be given in program order. */
export interface HistoryOp {
  /** The caller's id for this op (e.g. a history index), reported back in violations. */
  id: number;
  /** The process (client session). */
  process: number;
  kind: 'read' | 'write';
  key: string;
  /** For a write, the value written (never `null`); for a read, the value returned. */
  value: Value;
}

/** The bad patterns of the paper, each a way a history can fail CC, CCv or CM. */
export const PATTERNS = [
  'CyclicCO',
  'WriteCOInitRead',
  'ThinAirRead',
  'WriteCORead',
  'CyclicCF',
  'WriteHBInitRead',
  'CyclicHB',
] as const;
/** One of `PATTERNS`. */
export type Pattern = (typeof PATTERNS)[number];

/** Which relation an edge of a violation's graph belongs to. */
export type EdgeLabel = 'po' | 'rf' | 'co' | 'cf' | 'hb';

/** An edge between two ops (caller ids). */
export interface Edge {
  from: number;
  to: number;
  label: EdgeLabel;
}

/** One instance of a bad pattern: the ops it involves (caller ids) and the edges that make it. */
export interface Violation<K extends string = Pattern> {
  pattern: K;
  /** Caller ids of the ops of the pattern, the op that exposes it last. */
  ops: number[];
  edges: Edge[];
  /** The key involved, when the pattern concerns one key. */
  key?: string;
  /** For CM patterns, the process whose happens-before relation it is. */
  process?: number;
  /** The part each op plays, by name (e.g. `read`, `returned`), in caller ids; for explanations. */
  roles?: Record<string, number>;
}

/** The verdict on one model: holds, or ruled out by the patterns found. */
export interface ModelRuling<K extends string = Pattern> {
  holds: boolean;
  /** Patterns that rule it out (empty when it holds). */
  by: K[];
}
