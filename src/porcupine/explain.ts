/**
 * A verdict first, then a bounded search for the other bad partitions. The verdict comes from the
 * fast search (with the compiled models' pruning), which stops at the first illegal partition: that
 * is all a yes/no answer needs. Every search records, as it goes, the longest linearizable prefix
 * containing each operation (see search.ts), so a partition is explained the moment it is proved
 * illegal: an explanation costs no search of its own. Only if the history is illegal does the budget
 * start: the partitions the verdict left undecided go on with their searches (resumed where they
 * stopped), taking turns of a quantum of steps so one hard partition never starves the others. A
 * decided search is dropped at once (its memo table with it); when the live memo tables together pass
 * `maxMemoryBytes`, the search holding the most is given up. Whatever is undecided at the deadline is
 * reported as such. With `stallAfterMs`, the search also stops once it stalls — nothing more decided
 * for as long as the verdict and the decisions after it took, and at least `stallAfterMs` — so a few
 * searches no budget would finish do not hold the answer up; what is left is cut short as `stalled`.
 * None of this changes the verdict.
 */
import { DEFAULT_MAX_MEMORY_BYTES, historyIndices, operationParts, partitionInfo, QUANTUM, runSearches, verdictOf, withinMemory } from './check.js';
import { Search, Status } from './search.js';
import type { CutShort, ExplainedPartition, ExplainedResult, ExplainOptions, FullModel, Operation } from './types.js';

/** A search still deciding partition `part`. */
class Task<S, I, O> {
  constructor(
    readonly part: number,
    readonly search: Search<S, I, O>,
  ) {}

  /** Its memo size, for `withinMemory`. */
  get memoBytes(): number {
    return this.search.memoBytes;
  }
}

/** Checks `history`: the verdict by the fast search, then, if illegal, the other partitions within the budgets. */
export function explainedCheck<S, I, O>(model: FullModel<S, I, O>, history: Operation<I, O>[], opts: ExplainOptions): ExplainedResult {
  const t0 = performance.now();
  const parts = operationParts(model, history);
  const maxSteps = opts.maxSteps ?? Infinity;
  const { result, searches } = runSearches(model, parts, { ...opts, all: false }, false);
  const out: ExplainedPartition[] = parts.map((entries) => ({ result: 'unknown', ops: historyIndices(entries) }));
  /** Records what a search says of its partition: its verdict, the explanation if illegal, why not decided if not. */
  const settle = (part: number, s: Search<S, I, O>): void => {
    const p = out[part];
    p.result = verdictOf(s.status);
    if (s.status === Status.Illegal) p.info = partitionInfo(model, s);
    if (s.status === Status.Exhausted) p.cutShort = s.steps >= maxSteps ? 'steps' : 'memory';
    else if (s.status === Status.Running) p.cutShort = 'time';
    else delete p.cutShort;
  };
  searches.forEach((s, part) => settle(part, s));
  const t1 = performance.now();
  if (result !== 'illegal') return { result, partitions: out, verdictMs: t1 - t0, explainMs: 0 };

  const deadline = t1 + (opts.explainTimeoutMs ?? Infinity);
  const maxBytes = opts.maxMemoryBytes ?? DEFAULT_MAX_MEMORY_BYTES;
  // Stalling (with stallAfterMs): nothing more decided for as long as the verdict and the decisions
  // after it took (and at least stallAfterMs). Checked between rounds, so every search has had its turn.
  let lastProgress = t1;
  const stalled = (now: number): boolean => opts.stallAfterMs !== undefined && now - lastProgress > Math.max(opts.stallAfterMs, lastProgress - t0);
  let tasks = searches.flatMap((search, part) => (search.status === Status.Running ? [new Task(part, search)] : []));
  searches.length = 0; // the decided searches' memo tables can go
  while (tasks.length > 0 && performance.now() < deadline && !stalled(performance.now())) {
    const still: Task<S, I, O>[] = [];
    for (const t of tasks) {
      const { search, part } = t;
      if (performance.now() < deadline) {
        search.run(Math.min(QUANTUM, maxSteps - search.steps));
        if (search.status === Status.Running && search.steps >= maxSteps) search.status = Status.Exhausted;
      }
      if (search.status === Status.Running) {
        still.push(t);
      } else {
        settle(part, search);
        lastProgress = performance.now();
      }
    }
    tasks = withinMemory(still, maxBytes, (t) => {
      t.search.abandon();
      settle(t.part, t.search);
    });
  }
  const cut: CutShort = performance.now() < deadline && stalled(performance.now()) ? 'stalled' : 'time';
  for (const t of tasks) out[t.part].cutShort = cut;
  return { result, partitions: out, verdictMs: t1 - t0, explainMs: performance.now() - t1 };
}
