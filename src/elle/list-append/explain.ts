/**
 * Why a list-append dependency edge holds, in words: finds the key and values behind an edge `a → b` by
 * re-applying the rules of `edges.ts` to the two transactions' micro-ops (cheap: only cycle edges are
 * explained, so the graph stores no reasons).
 */
import { Bit } from '../edge-bits.js';
import { MopFlag, showList, showValue } from '../mop-flags.js';
import { MopF, TxnStatus, type Mops, type Txns } from '../types.js';
import type { AppendVersions } from './versions.js';

/** Explains list-append data edges; `A` and `B` name the two transactions. */
export function appendExplainer(txns: Txns, mops: Mops, v: AppendVersions, flags: Uint8Array) {
  const liveTxn = (t: number): number => (t >= 0 && txns.status[t] !== TxnStatus.fail ? t : -1);
  const live = (m: number): number => (m < 0 ? -1 : liveTxn(mops.txn[m]));
  const nextLive = (k: number, from: number): number => {
    for (let i = v.orderAt[k] + from; i < v.orderAt[k + 1]; i++) if (liveTxn(v.orderTxn[i]) >= 0) return v.orderTxn[i];
    return -1;
  };
  const lastLive = (k: number): number => {
    for (let i = v.orderAt[k + 1] - 1; i >= v.orderAt[k]; i--) if (liveTxn(v.orderTxn[i]) >= 0) return v.orderTxn[i];
    return -1;
  };
  const mopsOf = (t: number, f: number): number[] => {
    const out: number[] = [];
    for (let m = txns.mopStart[t]; m < txns.mopEnd[t]; m++) if (mops.f[m] === f) out.push(m);
    return out;
  };
  return (a: number, b: number, bit: number, A: string, B: string): string | null => {
    if (bit === Bit.wr) {
      for (const m of mopsOf(b, MopF.read)) {
        const r = mops.value[m] as unknown[] | undefined;
        if (!r || r.length === 0 || !(flags[m] & MopFlag.EXTERNAL)) continue;
        const k = mops.key[m];
        if (live(v.writer.get(k, r[r.length - 1])) === a) {
          return `${A} appended ${showValue(r[r.length - 1])} to ${showValue(mops.keys[k])} and ${B} read ${showValue(mops.keys[k])} = ${showList(r)}, ending in it`;
        }
      }
    }
    if (bit === Bit.ww) {
      for (const m of mopsOf(b, MopF.append)) {
        const k = mops.key[m];
        if (!v.sound[k]) continue;
        const key = showValue(mops.keys[k]);
        const mine = mopsOf(a, MopF.append).filter((x) => mops.key[x] === k && v.pos[x] >= 0);
        if (mine.length === 0) continue;
        const x = mine.reduce((p, q) => (v.pos[q] > v.pos[p] ? q : p));
        if (v.pos[m] >= 0 && v.pos[x] < v.pos[m] && nextLive(k, v.pos[x] + 1) === b) {
          return `${A} appended ${showValue(mops.value[x])} to ${key} and ${B} appended ${showValue(mops.value[m])} after it`;
        }
        if (v.pos[m] < 0 && lastLive(k) === a) {
          return `${A} appended ${showValue(mops.value[x])} to ${key}, the last value any read of ${key} shows, and ${B} appended ${showValue(mops.value[m])}, which no read shows, so later`;
        }
      }
    }
    if (bit === Bit.rw) {
      for (const m of mopsOf(a, MopF.read)) {
        const r = mops.value[m] as unknown[] | undefined;
        const k = mops.key[m];
        if (!r || !(flags[m] & MopFlag.EXTERNAL) || !v.sound[k]) continue;
        const key = showValue(mops.keys[k]);
        const w = nextLive(k, r.length);
        if (w === b) {
          const y = mopsOf(b, MopF.append).find((x) => mops.key[x] === k && v.pos[x] >= r.length);
          return `${A} read ${key} = ${showList(r)}, without ${showValue(y === undefined ? '?' : mops.value[y])}, which ${B} appended later`;
        }
        if (w < 0) {
          const y = mopsOf(b, MopF.append).find((x) => mops.key[x] === k && v.pos[x] < 0);
          if (y !== undefined) return `${A} read ${key} = ${showList(r)}, all that any read of ${key} shows, and ${B} appended ${showValue(mops.value[y])}, which no read shows, so later`;
        }
      }
    }
    return null;
  };
}
