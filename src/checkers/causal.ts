/**
 * The causal consistency checker: CC, CCv and CM (Bouajjani, Enea, Guerraoui and Hamza, POPL 2017)
 * of a register or kv history with unique written values, each key a register, through the causal
 * engine's bad patterns (`src/causal/check.ts`). How ok, fail, info and cas ops become the engine's
 * reads and writes is in `weak-history.ts`. Rules on `causal`, `causal-convergence` and
 * `causal-memory` directly; each pattern found is an anomaly with its ops and a graph of its po, rf,
 * co, cf and hb edges.
 */
import { checkCausal, type Edge, type ModelRuling, type Violation } from '../causal/index.js';
import type { Checker, CheckResult } from '../core/checker.js';
import type { ModelVerdicts } from '../core/models.js';
import { anomalyOf, describeOp, returnedText } from './weak-anomaly.js';
import { toWeakOps } from './weak-history.js';

/** Options of `causalChecker`. */
export interface CausalCheckerOptions {
  /** Violations reported per pattern (all are counted in `stats.violations`). */
  maxAnomalies: number;
}

/** `op 3 →rf op 5 →po op 9`, a path or (with `cycle`) a cycle of edges. */
function pathText(edges: Edge[], cycle: boolean): string {
  if (edges.length === 0) return '';
  const parts = [`op ${edges[0].from}`, ...edges.map((e) => `—${e.label}→ op ${e.to}`)];
  return parts.join(' ') + (cycle ? ' (a cycle)' : '');
}

function explain(v: Violation, describe: (id: number) => string | undefined): string {
  const r = v.roles ?? {};
  const d = (role: string): string => describeOp(describe, r[role]);
  const who = v.process === undefined ? '' : `Process ${v.process}`;
  switch (v.pattern) {
    case 'CyclicCO':
      return `CyclicCO: the causal order (program order and reads-from) is cyclic, ${pathText(v.edges, true)}: a read returned a value from its own causal future.`;
    case 'WriteCOInitRead':
      return `WriteCOInitRead: ${d('read')} returned the initial value, though ${d('write')} is in its causal past.`;
    case 'ThinAirRead':
      return `ThinAirRead: ${d('read')} returned a value no write wrote.`;
    case 'WriteCORead':
      return `WriteCORead: ${d('read')} returned ${returnedText(describe, r)}, which ${d('overwriting')} had overwritten before the read, in its causal past.`;
    case 'CyclicCF':
      return (
        `CyclicCF: a read orders the write it returned after the other writes of its key in its causal past (cf); ` +
        `with the causal order these orders form a cycle, ${pathText(v.edges, true)}, so no single order of writes — which causal convergence asks for — exists.`
      );
    case 'WriteHBInitRead':
      return `WriteHBInitRead: ${who} must see ${d('write')} before ${d('read')} (${pathText(v.edges, false)}), yet that read returned the initial value.`;
    case 'CyclicHB':
      return `CyclicHB: ${who}’s reads force an order of writes that is cyclic, ${pathText(v.edges, true)}: no single view of that process (causal memory) explains them.`;
  }
}

function verdict(r: ModelRuling): ModelVerdicts[string] {
  return { status: r.holds ? 'holds' : 'ruled-out', by: [...r.by] };
}

/** A checker of CC, CCv and CM. */
export function causalChecker(opts: CausalCheckerOptions): Checker {
  return {
    async check(_test, history): Promise<CheckResult> {
      const started = performance.now();
      const { ops, dropped, describe } = toWeakOps(history, 'causal');
      const result = checkCausal(ops, { limit: opts.maxAnomalies });
      const models: ModelVerdicts = {
        causal: verdict(result.cc),
        'causal-convergence': verdict(result.ccv),
        'causal-memory': verdict(result.cm),
      };
      const anomalies = result.violations.map((v) => anomalyOf(v, v.pattern, explain(v, describe), v.process === undefined ? undefined : { process: v.process }));
      const valid = result.cc.holds && result.ccv.holds && result.cm.holds;
      const stats = { ...result.stats, dropped, violations: result.counts, ms: Math.round(performance.now() - started) };
      return { valid, models, ...(anomalies.length > 0 ? { anomalies } : {}), stats };
    },
  };
}
