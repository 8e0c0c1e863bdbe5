/**
 * The rw-register workload for the engine: the writers and readers of every version
 * (`index-build.ts`), the anomalies reads show directly (`checks.ts`), version-order edges from the
 * assumptions asked for (`version-edges.ts`), dependency edges (`edges.ts`) and their explanations
 * (`explain.ts`), and what the causal search can tell from its reads (`causal.ts`).
 *
 * Limits: a register's value does not reveal the versions before it, so the version order is partial —
 * the initial state first, then whatever writes-follow-reads, process order and real time give under
 * the assumptions enabled. Cycles the missing order would close go unseen, so "no anomaly" is weaker
 * evidence here than for list-append; and without list prefixes there is no fractured-read check, so
 * read atomicity is never shown to hold (only ruled out). Reads of values nobody wrote yield no edges.
 */
import type { Workload } from '../analyse.js';
import { mopFlags } from '../mop-flags.js';
import { registerCausal } from './causal.js';
import { registerAnomalies } from './checks.js';
import { addRegisterEdges } from './edges.js';
import { registerExplainer } from './explain.js';
import { registerIndex } from './index-build.js';
import { rwRegisterParser } from './parser.js';
import { Source, versionEdges } from './version-edges.js';
import { versionOrdersKnown } from './orders-known.js';

/** Which assumptions may order versions (each proves only the models that imply it; see `edge-bits.ts`). */
export interface RwRegisterOptions {
  /** Within a committed transaction, a write of a key follows the version it read. */
  wfrKeys: boolean;
  /** Each key is sequentially consistent: process order orders versions. */
  sequentialKeys: boolean;
  /** Each key is linearizable: real-time order orders versions. */
  linearizableKeys: boolean;
}

/** The rw-register workload under the given assumptions. */
export function rwRegister(o: RwRegisterOptions): Workload {
  return {
    parser: rwRegisterParser,
    analyse(txns, mops, _opts, arena) {
      const flags = mopFlags(txns, mops, arena);
      const ix = registerIndex(txns, mops, flags, arena);
      const ve = versionEdges(txns, mops, ix, flags, { wfr: o.wfrKeys, process: o.sequentialKeys, realtime: o.linearizableKeys }, arena);
      // 1 where every key's version order is fully known from the edges a model's executions guarantee
      // (orders-known.ts): data alone (writes follow reads), with process order, with real time too.
      const stats: Record<string, number> = {
        versionEdges: ve.from.length,
        ordersKnownData: Number(versionOrdersKnown(mops, ix, flags, ve, [Source.fr], txns.status)),
        ordersKnownProcess: Number(versionOrdersKnown(mops, ix, flags, ve, [Source.fr, Source.p], txns.status)),
        ordersKnownRealtime: Number(versionOrdersKnown(mops, ix, flags, ve, [Source.fr, Source.p, Source.rt], txns.status)),
      };
      let explain: ReturnType<typeof registerExplainer> = () => null;
      return {
        anomalies: registerAnomalies(txns, mops, ix, flags),
        addEdges(g) {
          const { reasons, dropped } = addRegisterEdges(txns, mops, ix, flags, ve, g);
          stats.rwEdgesLeftOut = dropped;
          explain = registerExplainer(txns, mops, ix, flags, ve, reasons);
        },
        explain: (a, b, bit, A, B) => explain(a, b, bit, A, B),
        stats,
        causal: () => registerCausal(txns, mops, ix, flags),
      };
    },
  };
}
