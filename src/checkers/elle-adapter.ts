/**
 * From a faultline history to the elle engine and back: decides which order edges the checked models
 * need, runs the engine, and turns its result into a `CheckResult`.
 *
 * Each transaction is named in `Anomaly.ops` and in `Anomaly.graph.nodes` by the index of its **invoke**
 * record (an invoke always exists; a completion may not). A cycle's graph has one edge per dependency,
 * labelled `ww`, `wr`, `rw`, `process` or `realtime`; `detail.steps` says why each holds.
 * Malformed input is the user's to fix, not a verdict: the engine's `ElleInputError` ("op N: …") becomes
 * a `UserError`.
 */
import type { Anomaly, Checker, CheckResult } from '../core/checker.js';
import { UserError } from '../core/errors.js';
import type { Op } from '../core/op.js';
import { ElleInputError, type ElleAnomaly, type ElleOptions, type ElleResult } from '../elle/index.js';
import { elleVerdicts, modelsRuledOutBy } from './elle-models.js';

/** Options every Elle-style checker takes (validated by its registry entry). */
export interface ElleCheckerOptions {
  /** Models to check; the verdict is about these. */
  models: readonly string[];
  /** Edge relaxations allowed per strongly connected component. */
  budget: number;
  /** Whether process-order and real-time edges may be used. */
  processEdges: boolean;
  realtimeEdges: boolean;
}

/** How one workload's checker runs the engine and what it can decide. */
export interface ElleSpec {
  /** The models the checker rules on (its entry's `models`). */
  rulesOn: readonly string[];
  /** Models this workload's inference cannot show to hold (only rule out), or which of them for a given history and engine result. */
  undecidable: readonly string[] | ((history: readonly Op[], r: ElleResult) => readonly string[]);
  run(history: readonly Op[], opts: ElleOptions): ElleResult;
}

const SESSION = new Set(['strong-session-serializable', 'strict-serializable']);

function toAnomaly(a: ElleAnomaly, r: ElleResult): Anomaly {
  const op = (t: number): number => r.txns.invokeIndex[t];
  const out: Anomaly = {
    kind: a.kind,
    explanation: a.explanation,
    ops: a.txns.map(op),
    detail: { ...a.detail, rulesOut: modelsRuledOutBy(a.kind) },
  };
  if (a.key !== undefined) out.key = String(a.key);
  if (a.cycle) {
    out.graph = { nodes: a.txns.map(op), edges: a.cycle.steps.map((s) => ({ from: op(s.from), to: op(s.to), label: s.label })) };
    out.detail = {
      ...(out.detail as object),
      shortest: a.cycle.shortest,
      componentSize: a.cycle.componentSize,
      steps: a.cycle.steps.map((s) => ({ from: op(s.from), to: op(s.to), label: s.label, why: s.why })),
    };
  }
  return out;
}

/** Builds a checker for one workload from its spec and validated options. */
export function elleChecker(spec: ElleSpec, o: ElleCheckerOptions): Checker {
  const realtime = o.realtimeEdges && o.models.includes('strict-serializable');
  const process = o.processEdges && o.models.some((m) => SESSION.has(m));
  const decidableIn = (undecidable: readonly string[]) => (m: string): boolean =>
    !undecidable.includes(m) &&
    (m !== 'strict-serializable' || realtime) &&
    (m !== 'strong-session-serializable' || process);
  return {
    async check(_test, history): Promise<CheckResult> {
      const started = performance.now();
      let r: ElleResult;
      try {
        r = spec.run(history, { process, realtime, budget: o.budget });
      } catch (e) {
        if (e instanceof ElleInputError) throw new UserError(e.message);
        throw e;
      }
      const decidable = decidableIn(typeof spec.undecidable === 'function' ? spec.undecidable(history, r) : spec.undecidable);
      const kinds = r.anomalies.map((a) => a.kind);
      const models = elleVerdicts(kinds, r.undecided, { checked: o.models, rulesOn: spec.rulesOn, decidable });
      const statuses = o.models.map((m) => models[m]?.status ?? 'unknown');
      const valid = statuses.includes('ruled-out') ? false : statuses.every((s) => s === 'holds') ? true : 'unknown';
      const result: CheckResult = {
        valid,
        models,
        anomalies: r.anomalies.map((a) => toAnomaly(a, r)),
        stats: { ...r.stats, processEdges: process, realtimeEdges: realtime, ms: Math.round(performance.now() - started) },
      };
      if (r.undecided.length > 0) result.error = `cycle search ran out of budget (${o.budget} relaxations per component) before deciding ${r.undecided.join(', ')}`;
      else if (valid === 'unknown') result.error = `cannot decide ${o.models.filter((m) => models[m]?.status !== 'holds').join(', ')} with the edges allowed`;
      return result;
    },
  };
}
