/**
 * The causal check: CC, CCv and CM of a differentiated read/write history, in polynomial time, by
 * looking for the bad patterns of Bouajjani, Enea, Guerraoui and Hamza (POPL 2017). For such
 * histories the paper proves:
 *  - CC holds iff none of CyclicCO, WriteCOInitRead, ThinAirRead, WriteCORead occurs;
 *  - CCv holds iff CC holds and CyclicCF does not occur;
 *  - CM holds iff CC holds and neither WriteHBInitRead nor CyclicHB occurs.
 * CCv and CM are each stronger than CC and incomparable with each other. When CC fails, CCv and CM
 * fail by the same patterns and their own patterns are not searched (a cyclic causal order has no
 * clocks to search them with).
 */
import { ReadScan } from './cc.js';
import { computeClocks } from './clocks.js';
import { findConflictCycle } from './conflict.js';
import { edge, Found } from './found.js';
import { prepare, THIN_AIR } from './history.js';
import { findCmPatterns } from './memory.js';
import { causalOrder } from './order.js';
import { compressPo } from './paths.js';
import type { HistoryOp, ModelRuling, Pattern, Violation } from './types.js';

/** Options of `checkCausal`. */
export interface CausalOptions {
  /** Violations kept per pattern (all are counted). Default 10. */
  limit?: number;
}

/** What `checkCausal` found. */
export interface CausalResult {
  cc: ModelRuling;
  ccv: ModelRuling;
  cm: ModelRuling;
  /** The violations kept, at most `limit` per pattern. */
  violations: Violation[];
  /** How many violations of each pattern were found. */
  counts: Partial<Record<Pattern, number>>;
  /** Sizes: ops, processes, keys, and the cf edges searched (undefined when CC failed). */
  stats: { ops: number; processes: number; keys: number; cfEdges?: number };
}

const CC: readonly Pattern[] = ['CyclicCO', 'WriteCOInitRead', 'ThinAirRead', 'WriteCORead'];

function ruling(found: Found<Pattern>, patterns: readonly Pattern[]): ModelRuling {
  const by = patterns.filter((p) => found.has(p));
  return { holds: by.length === 0, by };
}

/**
 * Checks `ops` (each process's ops in program order, every op having happened) for CC, CCv and CM.
 * Throws an Error if a write writes `null` or repeats a value of its key.
 */
export function checkCausal(ops: readonly HistoryOp[], opts: CausalOptions = {}): CausalResult {
  const h = prepare(ops);
  const found = new Found<Pattern>(opts.limit ?? 10);
  const stats: CausalResult['stats'] = { ops: h.n, processes: h.ops.length, keys: h.keys.length };
  const done = (): CausalResult => {
    const cc = ruling(found, CC);
    const ccv = cc.holds ? ruling(found, ['CyclicCF']) : cc;
    const cm = cc.holds ? ruling(found, ['WriteHBInitRead', 'CyclicHB']) : cc;
    return { cc, ccv, cm, violations: found.kept, counts: Object.fromEntries(found.counts), stats };
  };
  const ordered = causalOrder(h);
  if (ordered.cycle) {
    const { ops: cyc, labels } = ordered.cycle;
    const edges = compressPo(cyc.map((a, i) => edge(h, a, cyc[(i + 1) % cyc.length], labels[i])));
    found.add('CyclicCO', () => ({ ops: [...new Set(edges.map((e) => e.from))], edges }));
    for (let r = 0; r < h.n; r++) {
      if (h.rf[r] === THIN_AIR) found.add('ThinAirRead', () => ({ ops: [h.ids[r]], edges: [], key: h.keys[h.key[r]], roles: { read: h.ids[r] } }));
    }
    return done();
  }
  for (let r = 0; r < h.n; r++) {
    if (h.rf[r] === THIN_AIR) found.add('ThinAirRead', () => ({ ops: [h.ids[r]], edges: [], key: h.keys[h.key[r]], roles: { read: h.ids[r] } }));
  }
  const scan = new ReadScan(h, found, true);
  const clocks = computeClocks(h, ordered.order, scan.visit);
  if (CC.some((p) => found.has(p))) return done();
  const cf = scan.cf;
  stats.cfEdges = cf.from.length;
  const cycle = findConflictCycle(h, ordered.order, cf);
  if (cycle) {
    const edges = compressPo(cycle.ops.map((a, i) => edge(h, a, cycle.ops[(i + 1) % cycle.ops.length], cycle.labels[i])));
    found.add('CyclicCF', () => ({ ops: [...new Set(edges.map((e) => e.from))], edges }));
  }
  findCmPatterns(h, clocks, ordered.order, cf, found);
  return done();
}
