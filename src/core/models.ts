/**
 * Consistency models and how they relate. A history that satisfies a model satisfies every weaker
 * model it implies; a history that violates a model violates every stronger model that implies it.
 * Checkers rule directly on a few models; `closeVerdicts` spreads their rulings through this lattice,
 * and `summariseModels` names the strongest model that held and the weakest that was ruled out.
 *
 * The edges follow the literature the checkers are built on: Adya's thesis and Elle (Kingsbury and
 * Alvaro) for the transactional models, Bailis et al. ("Highly Available Transactions") for the
 * single-object ones, and Bouajjani et al. ("On Verifying Causal Consistency", POPL 2017) for the
 * three causal models. An edge is an implication, not a definition: a model may imply several weaker
 * ones that are not comparable with each other (serializable implies both repeatable-read and
 * snapshot-isolation).
 */

/** Where a model's verdict stands. */
export type ModelStatus = 'holds' | 'ruled-out' | 'unknown' | 'not-checked';

/** A verdict on one model: its status, the anomaly kinds that ruled it out, and the checker that decided. */
export interface ModelVerdict {
  status: ModelStatus;
  /** Anomaly kinds that rule the model out (empty unless `ruled-out`). */
  by: string[];
  /** The checker whose result decided the status (absent for `not-checked`). */
  checker?: string;
}

/** Verdicts by model name. */
export type ModelVerdicts = Record<string, ModelVerdict>;

/** One model: what it says in a line and the models it directly implies. */
export interface ModelInfo {
  description: string;
  /** Models every history satisfying this one also satisfies (direct edges only). */
  implies: readonly string[];
}

/** Every model faultline can rule on, stronger ones pointing at the weaker ones they imply. */
export const MODELS: Readonly<Record<string, ModelInfo>> = {
  // Transactional models.
  'strict-serializable': { description: 'transactions appear in one order that respects real time', implies: ['strong-session-serializable', 'linearizable'] },
  'strong-session-serializable': { description: 'serializable, and each process sees its own earlier transactions', implies: ['serializable'] },
  serializable: { description: 'transactions appear in some single order', implies: ['repeatable-read', 'snapshot-isolation'] },
  'snapshot-isolation': { description: 'each transaction reads one snapshot; no two concurrent transactions write the same key', implies: ['transactional-causal'] },
  'transactional-causal': { description: 'transactions see the effects of transactions that causally precede them, atomically', implies: ['read-atomic'] },
  'read-atomic': { description: 'a transaction sees all of another committed transaction’s writes or none of them', implies: ['read-committed'] },
  'repeatable-read': { description: 'no dependency cycle without predicate anti-dependencies (Adya PL-2.99)', implies: ['read-committed'] },
  'read-committed': { description: 'no read of an aborted or intermediate write, no cycle of write and read dependencies (Adya PL-2)', implies: ['read-uncommitted'] },
  'read-uncommitted': { description: 'no cycle of write dependencies (Adya PL-1)', implies: [] },
  // Single-object models.
  linearizable: { description: 'every operation takes effect at one instant between its invocation and completion', implies: ['sequential'] },
  sequential: { description: 'operations appear in one order that respects each process’s order', implies: ['causal-memory', 'causal-convergence'] },
  'causal-memory': { description: 'CM: each process sees causally related writes in causal order, in one order of its own', implies: ['causal'] },
  'causal-convergence': { description: 'CCv: causal, and every process orders conflicting writes the same way', implies: ['causal', 'eventual'] },
  causal: { description: 'CC: reads respect the causal order of writes', implies: ['read-your-writes', 'monotonic-reads', 'monotonic-writes', 'writes-follow-reads'] },
  'read-your-writes': { description: 'a process sees its own earlier writes', implies: [] },
  'monotonic-reads': { description: 'a process never sees an older state after a newer one', implies: [] },
  'monotonic-writes': { description: 'a process’s writes become visible in the order it made them', implies: [] },
  'writes-follow-reads': { description: 'a write is ordered after the writes its process had read', implies: [] },
  eventual: { description: 'after faults heal and writes stop, every node converges to the same state, losing no acknowledged write', implies: [] },
};

/** Every model implied by `model`, transitively, `model` itself excluded. */
export function weakerModels(model: string): Set<string> {
  const out = new Set<string>();
  const stack = [...(MODELS[model]?.implies ?? [])];
  while (stack.length > 0) {
    const m = stack.pop() as string;
    if (out.has(m)) continue;
    out.add(m);
    stack.push(...(MODELS[m]?.implies ?? []));
  }
  return out;
}

/** Every model that implies `model`, transitively, `model` itself excluded. */
export function strongerModels(model: string): Set<string> {
  const out = new Set<string>();
  for (const m of Object.keys(MODELS)) if (weakerModels(m).has(model)) out.add(m);
  return out;
}

const RANK: Record<ModelStatus, number> = { 'not-checked': 0, holds: 1, unknown: 2, 'ruled-out': 3 };

/**
 * Merges two verdicts on one model from different checkers: a ruling out wins over undecided, which wins
 * over holds (a model holds only if no checker doubts it), which wins over not-checked. Rule-outs pool
 * their anomaly kinds.
 */
export function mergeVerdict(a: ModelVerdict | undefined, b: ModelVerdict): ModelVerdict {
  if (!a || RANK[b.status] > RANK[a.status]) return { ...b, by: [...b.by] };
  if (RANK[b.status] < RANK[a.status]) return a;
  return { ...a, by: [...new Set([...a.by, ...b.by])] };
}

/**
 * Spreads direct rulings through the lattice: a model that holds makes every weaker model hold (unless a
 * checker ruled that one out, which a sound checker cannot — so a checker may say "holds" only where it
 * has shown it: rw-register does only when every version order is known); a model ruled out rules out every stronger
 * model, by the same anomalies. `relevant` models nobody ruled on are `not-checked`. Models not in `relevant` appear only
 * when a checker ruled on them directly or a ruling reached them.
 */
export function closeVerdicts(direct: ModelVerdicts, relevant: readonly string[] = []): ModelVerdicts {
  const out: ModelVerdicts = {};
  for (const m of relevant) out[m] = { status: 'not-checked', by: [] };
  for (const [m, v] of Object.entries(direct)) out[m] = mergeVerdict(out[m], v);
  for (const [m, v] of Object.entries(direct)) {
    if (v.status === 'holds') {
      // Implied, so it holds whatever another checker could not decide; a contradicting rule-out stays.
      for (const w of weakerModels(m)) if (out[w]?.status !== 'ruled-out' && out[w]?.status !== 'holds') out[w] = { ...v, by: [] };
    } else if (v.status === 'ruled-out') {
      for (const s of strongerModels(m)) out[s] = mergeVerdict(out[s], v);
    }
  }
  return out;
}

/** The strongest models that held (none implied by another that held) and the weakest ruled out. */
export function summariseModels(verdicts: ModelVerdicts): { strongestHeld: string[]; weakestRuledOut: string[] } {
  const with_ = (s: ModelStatus): string[] => Object.keys(verdicts).filter((m) => verdicts[m].status === s);
  const held = with_('holds');
  const out = with_('ruled-out');
  return {
    strongestHeld: held.filter((m) => !held.some((o) => o !== m && weakerModels(o).has(m))),
    weakestRuledOut: out.filter((m) => !out.some((o) => o !== m && strongerModels(o).has(m))),
  };
}
