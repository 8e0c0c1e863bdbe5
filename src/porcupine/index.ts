/**
 * porcupine-ts: a linearizability checker, after Porcupine (Athalye) — Wing & Gong's search with
 * Lowe's memoization and P-compositional partitioning — in dependency-free TypeScript.
 *
 * ```ts
 * import { checkOperations, registerModel } from './porcupine/index.js';
 * checkOperations(registerModel, [
 *   { input: { op: 'write', value: 1 }, call: 0, output: null, return: 10 },
 *   { input: { op: 'read' }, call: 5, output: 1, return: 15 },
 * ]); // 'ok'
 * ```
 *
 * Checks are synchronous; partitions are searched interleaved and the check stops at the first
 * illegal one. A timeout or exhausted budget gives `unknown`, never an exception.
 */
import { eventParts, operationParts, runSearches, verboseCheck } from './check.js';
import { explainedCheck } from './explain.js';
import { fillDefaults } from './model.js';
import type { CheckOptions, CheckResult, Event, ExplainedResult, ExplainOptions, Model, Operation, VerboseResult } from './types.js';

export type * from './types.js';
export { fillDefaults, partitionByKey } from './model.js';
export { registerModel, type RegisterInput, type RegisterValue } from './models/register.js';
export { casRegisterModel, type CasRegisterInput, type CasRegisterOutput } from './models/cas-register.js';
export { kvModel, kvModelUnpartitioned, type KvCell, type KvInput, type KvState } from './models/kv.js';
export { setModel, type SetInput } from './models/set.js';
export { checkSequential, checkSequentialVerbose, type SequentialCheckOptions, type SequentialPartitionInfo, type SequentialResult } from './sequential-check.js';
export { queueModel, type QueueInput } from './models/queue.js';

/** Checks a history of operations: `ok` (linearizable), `illegal` (not), or `unknown` (budget ran out). */
export function checkOperations<S, I, O>(model: Model<S, I, O>, history: Operation<I, O>[], opts: CheckOptions = {}): CheckResult {
  const m = fillDefaults(model);
  return runSearches(m, operationParts(m, history), opts, false).result;
}

/** Checks a history of ordered call/return events. */
export function checkEvents<S, I, O>(model: Model<S, I, O>, history: Event<I, O>[], opts: CheckOptions = {}): CheckResult {
  const m = fillDefaults(model);
  return runSearches(m, eventParts(m, history), opts, false).result;
}

/**
 * Checks a history of operations and returns linearization info per partition for a report.
 * Returns as soon as a partition is found illegal: that partition's info is complete, the others
 * carry what their search had reached.
 */
export function checkOperationsVerbose<S, I, O>(model: Model<S, I, O>, history: Operation<I, O>[], opts: CheckOptions = {}): VerboseResult {
  const m = fillDefaults(model);
  return verboseCheck(m, operationParts(m, history), opts);
}

/** `checkOperationsVerbose` for a history of ordered call/return events (indices are event indices). */
export function checkEventsVerbose<S, I, O>(model: Model<S, I, O>, history: Event<I, O>[], opts: CheckOptions = {}): VerboseResult {
  const m = fillDefaults(model);
  return verboseCheck(m, eventParts(m, history), opts);
}

/**
 * Checks a history of operations with the fast search and, only if it is illegal, explains it within
 * `opts.explainTimeoutMs` and `opts.maxMemoryBytes`: decides the partitions the verdict did not need
 * and finds the longest linearizable prefixes of each illegal one (see explain.ts). The verdict is
 * the fast search's; what the budget did not cover is marked per partition.
 */
export function checkOperationsExplained<S, I, O>(model: Model<S, I, O>, history: Operation<I, O>[], opts: ExplainOptions = {}): ExplainedResult {
  return explainedCheck(fillDefaults(model), history, opts);
}
