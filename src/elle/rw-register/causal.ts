/**
 * What the causal search (`../causal.ts`) can tell from rw-register histories. A register read names
 * the one version it saw, so:
 *  - `seen`: R saw T when an external read of R returned a value T wrote (exact: values are unique);
 *  - `missed`: T wrote key x (its final write there) and an external read of x in R returned a version
 *    that must come before T's in the arbitration order: the initial state, or a version from which a
 *    chain of transactions leads to T's write, each having read the version before and then written
 *    the key (each link is a `sees` edge, so the arbitration order follows it). T visible to R would
 *    make R read T's version or a later one.
 * A register does not reveal the rest of the version order, so a history where nothing is found may
 * still violate the model: this rules transactional causal consistency out, never shows it to hold.
 */
import type { CausalMiss, CausalRelation } from '../causal.js';
import { MopFlag, showValue } from '../mop-flags.js';
import { MopF, TxnStatus, type Mops, type Txns } from '../types.js';
import { INIT, NONE, type RegisterIndex } from './index-build.js';

/** Versions walked per chain search before giving up (sound: only fewer misses found). */
const CHAIN_STEPS = 10_000;

/** The causal relation of an rw-register history. */
export function registerCausal(txns: Txns, mops: Mops, ix: RegisterIndex, flags: Uint8Array): CausalRelation {
  const externalRead = (m: number): boolean => mops.f[m] === MopF.read && (flags[m] & MopFlag.EXTERNAL) !== 0 && ix.readVersion[m] !== NONE;
  const finalWrite = (t: number, k: number): number => {
    for (let m = txns.mopStart[t]; m < txns.mopEnd[t]; m++) if (mops.f[m] === MopF.write && mops.key[m] === k && flags[m] & MopFlag.FINAL) return m;
    return -1;
  };
  /** True when a chain of read-then-write transactions leads from version `from` to the write `to` of key `k`. */
  const chainTo = (k: number, from: number, to: number): boolean => {
    const queue = [from];
    const seen = new Set(queue);
    for (let i = 0; i < queue.length && i < CHAIN_STEPS; i++) {
      for (const u of ix.readers[k].get(queue[i]) ?? []) {
        const w = finalWrite(u, k);
        if (w === to) return true;
        if (w >= 0 && !seen.has(w)) (seen.add(w), queue.push(w));
      }
    }
    return false;
  };
  return {
    reads(r) {
      if (txns.status[r] !== TxnStatus.ok) return false;
      for (let m = txns.mopStart[r]; m < txns.mopEnd[r]; m++) if (externalRead(m)) return true;
      return false;
    },
    seen(r, visit) {
      for (let m = txns.mopStart[r]; m < txns.mopEnd[r]; m++) {
        const vid = ix.readVersion[m];
        if (vid < 0 || !externalRead(m)) continue;
        const t = mops.txn[vid];
        if (ix.live[t] && t !== r) visit(t);
      }
    },
    missed(r, t): CausalMiss | null {
      for (let a = txns.mopStart[t]; a < txns.mopEnd[t]; a++) {
        if (mops.f[a] !== MopF.write || !(flags[a] & MopFlag.FINAL)) continue;
        const k = mops.key[a];
        for (let m = txns.mopStart[r]; m < txns.mopEnd[r]; m++) {
          if (mops.key[m] !== k || !externalRead(m)) continue;
          const vid = ix.readVersion[m];
          if (vid === a || (vid !== INIT && !chainTo(k, vid, a))) continue;
          const key = showValue(mops.keys[k]);
          const mine = `${key} = ${showValue(mops.value[a])}`;
          return {
            key: mops.keys[k],
            text: (R, W) =>
              vid === INIT
                ? `${R} read ${key} = null, the initial state, although ${W} wrote ${mine}`
                : `${R} read ${key} = ${showValue(mops.value[m])}, a version before ${W}'s ${mine} (each transaction from one to the other read the version before and then wrote ${key})`,
          };
        }
      }
      return null;
    },
    explainSeen(t, r, A, B) {
      for (let m = txns.mopStart[r]; m < txns.mopEnd[r]; m++) {
        const vid = ix.readVersion[m];
        if (vid >= 0 && mops.txn[vid] === t && externalRead(m)) return `${A} wrote ${showValue(mops.keys[mops.key[m]])} = ${showValue(mops.value[m])} and ${B} read it`;
      }
      return `${B} read a value ${A} wrote`;
    },
  };
}
