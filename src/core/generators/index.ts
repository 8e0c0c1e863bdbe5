/**
 * Generator combinators (Jepsen's generator model). See src/core/generator.ts for the vocabulary and
 * each module for the semantics of its combinators.
 */
export { gen, sequence, exhausted, isGenerator, fillIn, type GenLike, type OpFn, type OpSpec } from './lift.js';
export { threadOf, someFreeProcess, allFree, anyFree, restrictContext, contextFor } from './context.js';
export { rngFromSeed, randInt, randFloat, deriveSeed, childTest, initialRng, withRng, type Rng } from './random.js';
export { limit, once } from './limit.js';
export { timeLimit } from './time-limit.js';
export { synchronize, phases, andThen } from './phases.js';
export { sleep, log } from './sleep.js';
export { onThreads, onClients, onNemesis, type ThreadSelector } from './threads.js';
export { stagger, rate, delay, type PacingOptions } from './stagger.js';
export { repeat, cycle } from './repeat.js';
export { mix, type MixOptions } from './mix.js';
export { map, filter, FILTER_MAX_REJECTS } from './map-filter.js';
export { eachProcess } from './each-process.js';
export { deferred } from './deferred.js';
export { independentKeys, type IndependentKeysOptions } from './independent.js';
export { fromArbitrary, drawValue, type FromArbitraryOptions } from './arbitrary.js';
export { simulate, type SimulateOptions } from './simulate.js';
export { workerTable, type WorkerTable } from './worker-table.js';
