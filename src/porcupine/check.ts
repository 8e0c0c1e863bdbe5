/**
 * Runs the searches of all partitions of a history, interleaved on the calling thread: each
 * partition in turn gets a quantum of steps, a decided partition leaves the rotation, and the whole
 * check stops at the first illegal partition (P-compositionality: the history is linearizable iff
 * every partition is) unless asked to decide them `all`. Interleaving means one hard partition never
 * hides an easy illegal one, and the timeout is checked between quanta, so a check never hangs.
 */
import { entriesFromEvents, entriesFromOperations, type Entries } from './entries.js';
import { Search, Status } from './search.js';
import type { CheckOptions, CheckResult, FullModel, PartitionInfo, VerboseResult } from './types.js';

/** Steps a partition runs before the next partition's turn. */
export const QUANTUM = 1 << 14;
/** Default `CheckOptions.maxCacheEntries`. */
export const DEFAULT_MAX_VISITED = 8_000_000;
/** Default `CheckOptions.maxMemoryBytes`. */
export const DEFAULT_MAX_MEMORY_BYTES = 256 * 1024 * 1024;

/** Groups `items` by the model's partition function and records each item's history index. */
export function splitWithIndices<T>(items: T[], partition: (items: T[]) => T[][], what: string): { part: T[]; indices: number[] }[] {
  const indexOf = new Map<T, number>();
  items.forEach((it, i) => indexOf.set(it, i));
  return partition(items).map((part) => ({
    part,
    indices: part.map((it) => {
      const i = indexOf.get(it);
      if (i === undefined) throw new Error(`porcupine: partition returned ${what} that are not in the history (return the same objects)`);
      return i;
    }),
  }));
}

/** Builds the entries of every partition of an operation history. */
export function operationParts<S, I, O>(model: FullModel<S, I, O>, history: Parameters<FullModel<S, I, O>['partition']>[0]): Entries<I, O>[] {
  return splitWithIndices(history, model.partition, 'operations').map(({ part, indices }) => entriesFromOperations(part, indices));
}

/** Builds the entries of every partition of an event history. */
export function eventParts<S, I, O>(model: FullModel<S, I, O>, history: Parameters<FullModel<S, I, O>['partitionEvent']>[0]): Entries<I, O>[] {
  return splitWithIndices(history, model.partitionEvent, 'events').map(({ part, indices }) => entriesFromEvents(part, indices));
}

/** Runs the searches interleaved until all are decided, one is illegal, or a budget runs out. */
export function runSearches<S, I, O>(
  model: FullModel<S, I, O>,
  parts: Entries<I, O>[],
  opts: CheckOptions,
  verbose: boolean,
): { result: CheckResult; searches: Search<S, I, O>[] } {
  const deadline = opts.timeoutMs === undefined ? Infinity : performance.now() + opts.timeoutMs;
  const maxSteps = opts.maxSteps ?? Infinity;
  const maxVisited = opts.maxCacheEntries ?? DEFAULT_MAX_VISITED;
  const maxBytes = opts.maxMemoryBytes ?? DEFAULT_MAX_MEMORY_BYTES;
  const searches = parts.map((p) => new Search(model, p, verbose, maxVisited));
  const illegal = () => searches.some((s) => s.status === Status.Illegal);
  let active = searches.filter((s) => s.status === Status.Running);
  while (active.length > 0) {
    const still: Search<S, I, O>[] = [];
    for (const s of active) {
      const status = s.run(Math.min(QUANTUM, maxSteps - s.steps));
      if (status === Status.Illegal && !opts.all) return { result: 'illegal', searches };
      if (status === Status.Running) {
        if (s.steps >= maxSteps) s.status = Status.Exhausted;
        else still.push(s);
      }
      if (performance.now() > deadline) {
        const undecided = searches.some((x) => x.status === Status.Running || x.status === Status.Exhausted);
        return { result: illegal() ? 'illegal' : undecided ? 'unknown' : 'ok', searches };
      }
    }
    active = withinMemory(still, maxBytes, (s) => s.abandon());
  }
  if (illegal()) return { result: 'illegal', searches };
  const exhausted = searches.some((s) => s.status === Status.Exhausted);
  return { result: exhausted ? 'unknown' : 'ok', searches };
}

/**
 * Gives up the searches holding the most memo memory (`giveUp`) until the others' memo tables fit
 * in `maxBytes` together; returns the others.
 */
export function withinMemory<T extends { memoBytes: number }>(searches: T[], maxBytes: number, giveUp: (s: T) => void): T[] {
  let total = 0;
  for (const s of searches) total += s.memoBytes;
  if (total <= maxBytes) return searches;
  const bySize = [...searches].sort((a, b) => a.memoBytes - b.memoBytes);
  const gone = new Set<T>();
  while (total > maxBytes && bySize.length > 0) {
    const s = bySize.pop()!;
    total -= s.memoBytes;
    gone.add(s);
    giveUp(s);
  }
  return searches.filter((s) => !gone.has(s));
}

/** A search's status as a verdict (`Running` and `Exhausted` are `unknown`). */
export const verdictOf = (s: Status): CheckResult => (s === Status.Ok ? 'ok' : s === Status.Illegal ? 'illegal' : 'unknown');

/** Linearization info of one partition, in history indices, with descriptions for a report. */
export function partitionInfo<S, I, O>(model: FullModel<S, I, O>, s: Search<S, I, O>): PartitionInfo {
  const { entries } = s;
  const seqs = new Set<Int32Array>();
  for (const seq of s.longest) if (seq) seqs.add(seq);
  if (s.status !== Status.Illegal && s.status !== Status.Ok) seqs.add(s.prefix());
  const partialLinearizations = [...seqs]
    .filter((seq) => seq.length > 0)
    .sort((a, b) => b.length - a.length)
    .map((seq) => {
      const states: string[] = [];
      let state = model.init();
      for (const op of seq) {
        state = model.step(state, entries.inputs[op], entries.outputs[op])[1];
        states.push(model.describeState(state));
      }
      return { ops: Array.from(seq, (op) => entries.index[op]), states };
    });
  return { result: verdictOf(s.status), ...describeOps(model, entries), partialLinearizations, steps: s.steps };
}

/** A partition's operations as history indices, ascending. */
export function historyIndices(entries: Entries<unknown, unknown>): number[] {
  return [...entries.index].sort((a, b) => a - b);
}

/** A partition's operations as history indices in ascending order, with their descriptions. */
export function describeOps<S, I, O>(model: FullModel<S, I, O>, entries: Entries<I, O>): { ops: number[]; descriptions: string[] } {
  const order = entries.index.map((_, op) => op).sort((a, b) => entries.index[a] - entries.index[b]);
  return {
    ops: order.map((op) => entries.index[op]),
    descriptions: order.map((op) => model.describeOperation(entries.inputs[op], entries.outputs[op])),
  };
}

/** A verbose check over prepared partitions. */
export function verboseCheck<S, I, O>(model: FullModel<S, I, O>, parts: Entries<I, O>[], opts: CheckOptions): VerboseResult {
  const { result, searches } = runSearches(model, parts, opts, true);
  return { result, info: { partitions: searches.map((s) => partitionInfo(model, s)) } };
}
