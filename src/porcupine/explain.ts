/**
 * A verdict first, then a bounded explanation. The verdict comes from the fast search (no prefix
 * recording, with the compiled models' pruning), which stops at the first illegal partition: that
 * is all a yes/no answer needs. Only if the history is illegal does the explanation start, with its
 * own deadline and memory budget:
 * - the partitions the verdict left undecided go on with their plain searches (resumed where they
 *   stopped), to find which other partitions are illegal;
 * - every partition known illegal gets a verbose search (recording, per operation, the longest
 *   linearizable prefix containing it), which reruns the search without the pruning.
 * All these searches take turns of a quantum of steps, so one hard partition never starves the
 * others; the verbose searches together get about as many turns as the plain ones, so a partition
 * the verdict proved illegal is explained early even among many undecided ones. A decided search is dropped at once (its memo table with it); when the live memo tables
 * together pass `maxMemoryBytes`, the search holding the most is given up. Whatever is not finished
 * at the deadline is reported as such: an illegal partition without explanation, or an undecided one.
 * With `stallAfterMs`, the explanation also stops once it stalls — after at least one partition is
 * explained, nothing more decided or explained for as long as its progress before took, and at least
 * `stallAfterMs` — so a few searches no budget would finish do not hold the answer up; what is left is
 * cut short as `stalled`.
 * The explanation never changes the verdict.
 */
import {
  DEFAULT_MAX_MEMORY_BYTES,
  DEFAULT_MAX_VISITED,
  describeOps,
  historyIndices,
  operationParts,
  partitionInfo,
  QUANTUM,
  runSearches,
  verdictOf,
  withinMemory,
} from './check.js';
import type { Entries } from './entries.js';
import { Search, Status } from './search.js';
import type { CutShort, ExplainedPartition, ExplainedResult, ExplainOptions, FullModel, Operation } from './types.js';

/** One search the explanation runs: a plain one deciding partition `part`, or a verbose one explaining it. */
interface Task<S, I, O> {
  part: number;
  search: Search<S, I, O>;
  verbose: boolean;
  /** The search's memo size, for `withinMemory`. */
  readonly memoBytes: number;
}

function task<S, I, O>(part: number, search: Search<S, I, O>, verbose: boolean): Task<S, I, O> {
  return {
    part,
    search,
    verbose,
    get memoBytes() {
      return search.memoBytes;
    },
  };
}

/** Checks `history`: the verdict by the fast search, then, if illegal, the explanation within its budgets. */
export function explainedCheck<S, I, O>(model: FullModel<S, I, O>, history: Operation<I, O>[], opts: ExplainOptions): ExplainedResult {
  const t0 = performance.now();
  const parts = operationParts(model, history);
  const maxSteps = opts.maxSteps ?? Infinity;
  const maxVisited = opts.maxCacheEntries ?? DEFAULT_MAX_VISITED;
  const { result, searches } = runSearches(model, parts, { ...opts, all: false }, false);
  // Until an explanation finishes, an illegal partition counts as cut short by time, like a running search.
  const cutOf = (s: Search<S, I, O>): CutShort | undefined =>
    s.status === Status.Exhausted ? (s.steps >= maxSteps ? 'steps' : 'memory') : s.status === Status.Ok ? undefined : 'time';
  const out: ExplainedPartition[] = searches.map((s, i) => ({
    result: verdictOf(s.status),
    ops: historyIndices(parts[i]),
    explained: false,
    ...(s.status === Status.Illegal ? { info: unexplained(model, parts[i]) } : {}),
    ...(cutOf(s) ? { cutShort: cutOf(s) } : {}),
  }));
  const t1 = performance.now();
  if (result !== 'illegal') return { result, partitions: out, verdictMs: t1 - t0, explainMs: 0 };

  const deadline = t1 + (opts.explainTimeoutMs ?? Infinity);
  const maxBytes = opts.maxMemoryBytes ?? DEFAULT_MAX_MEMORY_BYTES;
  const verbose = (part: number): Task<S, I, O> => task(part, new Search(model, parts[part], true, maxVisited), true);
  const finish = (t: Task<S, I, O>, cut: CutShort | undefined): void => {
    if (cut !== undefined) out[t.part].cutShort = cut;
    else delete out[t.part].cutShort;
  };
  // Stalling (with stallAfterMs): once a partition has been explained, nothing more decided or explained
  // for as long as the progress before took (and at least stallAfterMs). Checked between rounds, so
  // every search has had its turn.
  let lastProgress = t1;
  let explainedAny = false;
  const stalled = (now: number): boolean => opts.stallAfterMs !== undefined && explainedAny && now - lastProgress > Math.max(opts.stallAfterMs, lastProgress - t1);
  let tasks: Task<S, I, O>[] = [];
  if (performance.now() < deadline) {
    tasks = out.flatMap((p, part) => (p.result === 'illegal' ? [verbose(part)] : []));
    searches.forEach((s, part) => s.status === Status.Running && tasks.push(task(part, s, false)));
  }
  searches.length = 0; // the decided searches' memo tables can go
  while (tasks.length > 0 && performance.now() < deadline && !stalled(performance.now())) {
    // Explaining the partitions known illegal gets about half the turns, deciding the others the rest.
    const plain = tasks.filter((t) => !t.verbose).length;
    const share = Math.max(1, Math.ceil(plain / (tasks.length - plain)));
    const still: Task<S, I, O>[] = [];
    for (const t of tasks) {
      const { search, part } = t;
      for (let q = 0; q < (t.verbose ? share : 1) && search.status === Status.Running && performance.now() < deadline; q++) {
        search.run(Math.min(QUANTUM, maxSteps - search.steps));
        if (search.status === Status.Running && search.steps >= maxSteps) search.status = Status.Exhausted;
      }
      const p = out[part];
      if (search.status !== Status.Running) lastProgress = performance.now();
      if (search.status === Status.Running) {
        still.push(t);
      } else if (!t.verbose) {
        p.result = verdictOf(search.status);
        finish(t, cutOf(search));
        if (search.status === Status.Illegal) {
          p.info = unexplained(model, parts[part]);
          still.push(verbose(part));
        }
      } else if (search.status === Status.Illegal) {
        p.info = partitionInfo(model, search);
        p.explained = true;
        explainedAny = true;
        finish(t, undefined);
      } else if (search.status === Status.Ok) {
        throw new Error(`porcupine: internal error: the plain search found partition ${part} illegal and the verbose one ok`);
      } else {
        finish(t, cutOf(search));
      }
    }
    tasks = withinMemory(still, maxBytes, (t) => finish(t, 'memory'));
  }
  const cut: CutShort = performance.now() < deadline && stalled(performance.now()) ? 'stalled' : 'time';
  for (const t of tasks) finish(t, cut);
  return { result, partitions: out, verdictMs: t1 - t0, explainMs: performance.now() - t1 };
}

/** An illegal partition's operations and descriptions, with no prefixes (not explained, or not yet). */
function unexplained<S, I, O>(model: FullModel<S, I, O>, entries: Entries<I, O>): ExplainedPartition['info'] {
  return { result: 'illegal', ...describeOps(model, entries), partialLinearizations: [], steps: 0 };
}
