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
import { fillDefaults } from './model.js';
import type { CheckOptions, CheckResult, Event, Model, Operation, VerboseResult } from './types.js';

export type * from './types.js';
export { fillDefaults, partitionByKey } from './model.js';
export { registerModel, type RegisterInput } from './models/register.js';
export { casRegisterModel, type CasRegisterInput, type CasRegisterOutput } from './models/cas-register.js';
export { kvModel, kvModelUnpartitioned, type KvCell, type KvInput, type KvState } from './models/kv.js';
export { setModel, type SetInput } from './models/set.js';
export { checkSequential, checkSequentialVerbose, type SequentialPartitionInfo, type SequentialResult } from './sequential-check.js';
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
