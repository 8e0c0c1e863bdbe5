/**
 * Whether every key's version order is fully known from the version edges inferred under a set of
 * sources: the key's installed versions (final writes of live transactions), ordered by those edges
 * between them, have exactly one topological order (Kahn's algorithm never has two candidates). A
 * model may be shown to hold only where this is true for the sources its executions guarantee: then
 * the version order of any execution satisfying it is this one, so an acyclic graph proves it.
 * Edges through versions that are not installed are not followed (only errs towards "not known").
 * A write of a transaction whose outcome is unknown (`info`) counts as installed only when some read
 * observed it: one nobody observed may be taken as never committed — every other transaction's
 * observations are the same without it, and its own reads then constrain nothing — so it need not be
 * ordered (without this, any run with a timed-out write was undecidable).
 */
import { MopFlag } from '../mop-flags.js';
import { MopF, TxnStatus, type Mops } from '../types.js';
import type { RegisterIndex } from './index-build.js';
import type { Source, VersionEdges } from './version-edges.js';

/** True when, using only the version edges whose source is in `sources`, every key's installed versions are totally ordered. */
export function versionOrdersKnown(mops: Mops, ix: RegisterIndex, flags: Uint8Array, ve: VersionEdges, sources: readonly Source[], status: ArrayLike<number>): boolean {
  const observed = (m: number): boolean => (ix.readers[mops.key[m]]?.get(m)?.length ?? 0) > 0;
  const installs = (m: number): boolean =>
    m >= 0 && mops.f[m] === MopF.write && (flags[m] & MopFlag.FINAL) !== 0 && ix.live[mops.txn[m]] === 1 && (status[mops.txn[m]] === TxnStatus.ok || observed(m));
  const byKey = new Map<number, number[]>();
  for (let m = 0; m < mops.count; m++) if (installs(m)) (byKey.get(mops.key[m]) ?? byKey.set(mops.key[m], []).get(mops.key[m])!).push(m);
  const next = new Map<number, Set<number>>();
  for (let i = 0; i < ve.from.length; i++) {
    const [a, b] = [ve.from[i], ve.to[i]];
    if (!sources.includes(ve.source[i]) || !installs(a) || !installs(b) || a === b) continue;
    (next.get(a) ?? next.set(a, new Set()).get(a)!).add(b);
  }
  for (const versions of byKey.values()) {
    if (versions.length <= 1) continue;
    const inDegree = new Map<number, number>(versions.map((v) => [v, 0]));
    for (const v of versions) for (const w of next.get(v) ?? []) inDegree.set(w, (inDegree.get(w) ?? 0) + 1);
    let ready = versions.filter((v) => inDegree.get(v) === 0);
    let placed = 0;
    while (ready.length === 1) {
      const v = ready[0]!;
      placed++;
      ready = [];
      for (const w of next.get(v) ?? []) {
        const d = inDegree.get(w)! - 1;
        inDegree.set(w, d);
        if (d === 0) ready.push(w);
      }
    }
    if (placed !== versions.length) return false;
  }
  return true;
}
