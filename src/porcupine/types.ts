/**
 * The vocabulary of porcupine-ts: what a history is, what a model is, and what a check returns.
 *
 * A history is a set of operations, each with the time its call was issued and the time its
 * response arrived (or, equivalently, an ordered list of call and return events). It is
 * linearizable with respect to a model if the operations can be put in one sequential order that
 * respects real time (an operation that returned before another was called comes first) and in
 * which every operation, applied to the model's state in turn, is legal and produces its output.
 *
 * An operation whose outcome is unknown (a timeout: it may have taken effect at any time after its
 * call, or never) has `return: Infinity`: it stays open to the end of the history, so it may be
 * linearized anywhere after its call, including after everything else (that is, never).
 */

/** One operation of a history: input, output and the times of its call and return. */
export interface Operation<I = unknown, O = unknown> {
  /** The client that issued it; only informative (real-time order comes from the times). */
  clientId?: number;
  /** What was asked, e.g. `{op: 'write', value: 3}`. */
  input: I;
  /** When the call was issued. Any monotonic unit. */
  call: number;
  /** What came back. For an op with unknown outcome, whatever the model accepts as "unknown". */
  output: O;
  /** When the response arrived; `Infinity` when the outcome is unknown (open to the end). */
  return: number;
}

/** Which side of an operation an event is. */
export type EventKind = 'call' | 'return';

/**
 * One call or return, for histories given as an ordered event list rather than timestamps.
 * A call and its return share an `id`; the call carries the input, the return the output.
 */
export interface Event<I = unknown, O = unknown> {
  clientId?: number;
  kind: EventKind;
  /** The input (on a call) or the output (on a return). */
  value: I | O;
  /** Pairs a call with its return; unique per operation. */
  id: number;
}

/**
 * A sequential specification: a record of pure functions over immutable states.
 * `init`, `step` and `equal` are required; the rest have defaults (see `fillDefaults`).
 */
export interface Model<S = unknown, I = unknown, O = unknown> {
  /** Names the model in error messages and reports. */
  name?: string;
  /** The initial state. */
  init(): S;
  /**
   * Applies one operation: returns `[true, next]` if `input` may produce `output` in `state`,
   * else `[false, anything]`. Must not mutate `state`.
   */
  step(state: S, input: I, output: O): readonly [boolean, S];
  /** Whether two states are the same. */
  equal(a: S, b: S): boolean;
  /**
   * A key for a state: equal states must have equal keys; distinct states should (not must)
   * differ. Default: `JSON.stringify(state)`.
   */
  hash?(state: S): string | number;
  /**
   * True if the operation can never change the state (a read, a failed compare): it is then
   * linearized as soon as it can be, without trying other orders (a pruning; see search.ts).
   * Must be exact: an op that changes the state in some state is not read-only. Default: false.
   */
  readOnly?(input: I, output: O): boolean;
  /** Splits a history into independent sub-histories (P-compositionality). Default: one part. */
  partition?(history: Operation<I, O>[]): Operation<I, O>[][];
  /** The same for event histories. Default: one part. */
  partitionEvent?(history: Event<I, O>[]): Event<I, O>[][];
  /** Short text for an operation, e.g. `put('x', 3)`. Default: JSON of input and output. */
  describeOperation?(input: I, output: O): string;
  /** Short text for a state. Default: JSON. */
  describeState?(state: S): string;
  /**
   * Optional fast path: a state machine over integer state ids for one partition's operations,
   * used by the search instead of `step` + `hash` + `equal`. `model` is the (filled-in) model
   * being checked, so an implementation can decline (return undefined) when `step` was replaced,
   * e.g. by a spread `{ ...kvModel, step }`. No default.
   */
  compile?(inputs: I[], outputs: O[], model: FullModel<S, I, O>, order: RealTimeOrder): CompiledModel | undefined;
}

/**
 * The real-time order of one partition's operations, for `Model.compile`: positions of each op's
 * call and return in the partition's time-ordered entries. Op `a` may be linearized before op `b`
 * iff `callAt[a] < returnAt[b]`.
 */
export interface RealTimeOrder {
  readonly callAt: Int32Array;
  readonly returnAt: Int32Array;
}

/**
 * A model compiled for one partition (see `Model.compile`): states are ids. Distinct states must
 * get distinct ids; equal states should get equal ids (a duplicate id only costs memoization).
 */
export interface CompiledModel {
  /** The initial state's id. */
  readonly init: number;
  /** The id of the state after operation `op` (an index into the arrays given to `compile`) in state `state`, or -1 if illegal. */
  step(state: number, op: number): number;
  /**
   * Optional pruning, asked only about a read-only `op` that is illegal in `state`: true if it
   * will stay illegal in every state reachable from `state` by the unlinearized ops that may be
   * linearized before it (`linearized` is the bitset of linearized ops, bit `op & 31` of word
   * `op >>> 5`). The search then abandons the configuration. Must be exact when true; false is
   * always safe.
   */
  never?(state: number, op: number, linearized: Uint32Array): boolean;
}

/** A model with every optional function filled in (`compile` stays optional). */
export type FullModel<S = unknown, I = unknown, O = unknown> = Required<Omit<Model<S, I, O>, 'compile'>> & Pick<Model<S, I, O>, 'compile'>;

/** The verdict of a check. `unknown` means the time, step or memory budget ran out first. */
export type CheckResult = 'ok' | 'illegal' | 'unknown';

/** Budgets and switches of a check. */
export interface CheckOptions {
  /** Give up (result `unknown`) after this many milliseconds. Default: no limit. */
  timeoutMs?: number;
  /** Search steps one partition may take before it is given up as `unknown`. Default: no limit. */
  maxSteps?: number;
  /**
   * Memo-table entries one partition may hold before it is given up as `unknown` (each costs
   * about 20 bytes plus one bit per operation of the partition). Default: 8 million.
   */
  maxCacheEntries?: number;
  /**
   * Bytes the memo tables of all partitions' searches may hold together; beyond it the search holding
   * the most is given up (its partition `unknown`) and its table freed. Default: 256 MiB.
   */
  maxMemoryBytes?: number;
  /**
   * Decide every partition instead of stopping at the first illegal one, so a verbose result names
   * every illegal partition. The result is still `illegal` if one is, even when time runs out.
   */
  all?: boolean;
}

/** A linearizable prefix: an order of operations and the model state after each. */
export interface PartialLinearization {
  /** Indices, into the history given to the check, in linearization order. */
  ops: number[];
  /** `describeState` of the state after each op of `ops`. */
  states: string[];
}

/** What the verbose check learned about one partition. */
export interface PartitionInfo {
  /** This partition's verdict (`unknown` if it was stopped or ran out of budget). */
  result: CheckResult;
  /** Indices, into the history given to the check, of the operations of this partition. */
  ops: number[];
  /** `describeOperation` of each op of `ops`, in the same order. */
  descriptions: string[];
  /**
   * Distinct linearizable prefixes the search found: for every operation, the longest prefix
   * found that contains it. A linearizable partition has one, the complete linearization.
   */
  partialLinearizations: PartialLinearization[];
  /** Search steps taken on this partition. */
  steps: number;
}

/** Linearization info for a report to draw: one entry per partition. */
export interface LinearizationInfo {
  partitions: PartitionInfo[];
}

/** What a verbose check returns. */
export interface VerboseResult {
  result: CheckResult;
  info: LinearizationInfo;
}

/**
 * Budgets of a check that decides first and then looks for the other illegal partitions
 * (`checkOperationsExplained`). The verdict has `timeoutMs`; the other budgets apply to every search,
 * and `maxMemoryBytes` to the live searches together (a search given up this way leaves its
 * partition undecided).
 */
export interface ExplainOptions extends Omit<CheckOptions, 'all'> {
  /**
   * Milliseconds spent, once the verdict is `illegal`, deciding the partitions the verdict did not
   * need (each one proved illegal comes explained). Default: no limit.
   */
  explainTimeoutMs?: number;
  /**
   * Stop early once the search stalls: when nothing more has been decided for as long as the verdict
   * and the decisions after it took, and at least this many milliseconds. What is left is cut short as
   * `stalled`. Default: never (the whole budget is spent).
   */
  stallAfterMs?: number;
}

/** Why a partition is undecided. */
export type CutShort = 'time' | 'memory' | 'steps' | 'stalled';

/** What a check that decides first and then looks further learned about one partition. */
export interface ExplainedPartition {
  /** `ok`, `illegal`, or `unknown` when neither the verdict nor the search after it decided it. */
  result: CheckResult;
  /** Indices, into the history given to the check, of the partition's operations, ascending. */
  ops: number[];
  /**
   * For an illegal partition: its operations with descriptions and the longest linearizable
   * prefixes its search found (the pruned search's; see search.ts).
   */
  info?: PartitionInfo;
  /** For an undecided partition: which budget ran out first. */
  cutShort?: CutShort;
}

/** What `checkOperationsExplained` returns. */
export interface ExplainedResult {
  /** The verdict, from the fast search alone: the explanation never changes it. */
  result: CheckResult;
  partitions: ExplainedPartition[];
  /** Milliseconds spent on the verdict, then on the explanation. */
  verdictMs: number;
  explainMs: number;
}
