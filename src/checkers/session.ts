/**
 * The session-guarantees checker: read-your-writes, monotonic reads, monotonic writes and
 * writes-follow-reads (Terry et al. 1994) of a register or kv history with unique written values,
 * each process a session, through the causal engine (`src/causal/session.ts` defines each guarantee
 * against the causal version order and proves what is decided). Rules on the four models directly;
 * each violation is an anomaly naming its ops, with a graph of its po, rf and co edges.
 */
import { checkSessions, GUARANTEES, SESSION_KINDS, type Violation } from '../causal/index.js';
import type { Anomaly, Checker, CheckResult } from '../core/checker.js';
import type { ModelVerdicts } from '../core/models.js';
import { anomalyOf, describeOp, returnedText } from './weak-anomaly.js';
import { toWeakOps } from './weak-history.js';

/** Options of `sessionChecker`. */
export interface SessionCheckerOptions {
  /** Violations reported per guarantee (all are counted in `stats.violations`). */
  maxAnomalies: number;
}

function explain(v: Violation<string>, describe: (id: number) => string | undefined): string {
  const r = v.roles ?? {};
  const d = (role: string): string => describeOp(describe, r[role]);
  const got = returnedText(describe, r);
  switch (v.pattern) {
    case 'ryw-violation':
      return `Read-your-writes: ${d('read')} returned ${got}, which is older than its own process’s earlier ${d('own')}.`;
    case 'mr-violation':
      return `Monotonic reads: ${d('read')} returned ${got}, older than the value of ${d('earlierWrite')} that its process had already read at ${d('earlierRead')}.`;
    case 'mw-violation':
      return (
        `Monotonic writes: the reader saw ${d('observed')} at ${d('observer')}, yet then ${d('read')} returned ${got}, ` +
        `although the writer had made ${d('overwritten')} before it: the writer’s writes became visible out of order.`
      );
    default:
      return (
        `Writes-follow-reads: the writer of ${d('observed')} had read ${d('writerReadWrite')} (at ${d('writerRead')}) before making it; ` +
        `the reader saw that write at ${d('observer')}, yet then ${d('read')} returned ${got}, older than what the writer had read.`
      );
  }
}

/** A checker of the four session guarantees. */
export function sessionChecker(opts: SessionCheckerOptions): Checker {
  return {
    async check(_test, history): Promise<CheckResult> {
      const started = performance.now();
      const { ops, dropped, describe } = toWeakOps(history, 'session');
      const result = checkSessions(ops, { limit: opts.maxAnomalies });
      const models: ModelVerdicts = {};
      for (const g of GUARANTEES) {
        const status = result.status[g];
        models[g] = { status, by: status === 'ruled-out' ? [SESSION_KINDS[g]] : [] };
      }
      const anomalies: Anomaly[] = result.violations.map((v) => anomalyOf(v, v.pattern, explain(v, describe)));
      const ruledOut = GUARANTEES.some((g) => result.status[g] === 'ruled-out');
      const undecided = GUARANTEES.some((g) => result.status[g] === 'unknown');
      const stats = { ...result.stats, dropped, violations: result.counts, ms: Math.round(performance.now() - started) };
      return {
        valid: ruledOut ? false : undecided ? 'unknown' : true,
        models,
        ...(anomalies.length > 0 ? { anomalies } : {}),
        ...(result.undecided ? { error: `undecided: ${result.undecided}` } : {}),
        stats,
      };
    },
  };
}
