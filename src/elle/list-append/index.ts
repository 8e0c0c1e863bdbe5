/**
 * The list-append workload for the engine: version orders from the longest read of each key
 * (`versions.ts`), the anomalies reads and transactions show directly (`read-checks.ts`,
 * `txn-checks.ts`, `fractured.ts`), ww/wr/rw edges (`edges.ts`) and their explanations (`explain.ts`),
 * and what the causal search needs of its reads (`causal.ts`).
 */
import type { Workload } from '../analyse.js';
import { mopFlags } from '../mop-flags.js';
import { appendCausal } from './causal.js';
import { addAppendEdges } from './edges.js';
import { appendExplainer } from './explain.js';
import { fracturedReads } from './fractured.js';
import { listAppendParser } from './parser.js';
import { readAnomalies } from './read-checks.js';
import { dirtyUpdates, txnAnomalies } from './txn-checks.js';
import { appendVersions } from './versions.js';

/** The list-append workload. */
export const listAppend: Workload = {
  parser: listAppendParser,
  analyse(txns, mops, _opts, arena) {
    const versions = appendVersions(txns, mops, arena);
    const flags = mopFlags(txns, mops, arena);
    const anomalies = [...readAnomalies(txns, mops, versions, flags), ...txnAnomalies(txns, mops, versions, flags), ...dirtyUpdates(txns, mops, versions), ...fracturedReads(txns, mops, versions, flags)];
    const stats: Record<string, number> = { unsoundKeys: versions.sound.reduce((n, s) => n + (s ? 0 : 1), 0) };
    return {
      anomalies,
      addEdges(g) {
        stats.rwEdgesLeftOut = addAppendEdges(txns, mops, versions, flags, g, arena);
      },
      explain: appendExplainer(txns, mops, versions, flags),
      stats,
      causal: () => appendCausal(txns, mops, versions),
    };
  },
};
