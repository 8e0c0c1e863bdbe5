/**
 * Anti-entropy by digests. A node sends each peer a digest: a short fingerprint (SHA-1 of the key's
 * canonical state) per key. The peer answers with its own state of every key whose fingerprint
 * differs or is missing in the digest, and the asking node merges that state cell by cell
 * (`storePatches` turns it into whole-cell patches, which merge like any peer's change). After one
 * round in each direction over a working link both nodes hold the merge of both states for every
 * key, whatever pushes were lost. Fingerprints are cached per key until the key changes.
 */
import { createHash } from 'node:crypto';
import { canonicalKey, type KeyState, type Store } from './cells.js';
import type { Patch } from './patches.js';

/** A fingerprint per key. */
export type Digest = Record<string, string>;

/** The fingerprint cache of one replica's keys. */
export class Fingerprints {
  private cache = new Map<string, string>();

  /** Forgets the fingerprint of a key that changed. */
  changed(key: string): void {
    this.cache.delete(key);
  }

  /** The digest of `keys`. */
  digest(keys: ReadonlyMap<string, KeyState>): Digest {
    const out: Digest = {};
    for (const [key, k] of keys) {
      let f = this.cache.get(key);
      if (f === undefined) {
        f = createHash('sha1').update(canonicalKey(k)).digest('base64').slice(0, 16);
        this.cache.set(key, f);
      }
      out[key] = f;
    }
    return out;
  }

  /** The state of every key of `keys` whose fingerprint in a peer's `digest` differs or is missing. */
  differing(keys: ReadonlyMap<string, KeyState>, digest: Digest): Store {
    const out: Store = {};
    for (const [key, f] of Object.entries(this.digest(keys))) if (digest[key] !== f) out[key] = { ...keys.get(key)! };
    return out;
  }
}

/** A peer's state of some keys as whole-cell patches. */
export function storePatches(store: Store): Patch[] {
  const patches: Patch[] = [];
  for (const [key, k] of Object.entries(store)) {
    if (k.reg) patches.push({ kind: 'cell', key, part: 'reg', slot: '', cell: k.reg });
    for (const part of ['set', 'ctr'] as const) {
      for (const [slot, cell] of Object.entries(k[part] ?? {})) patches.push({ kind: 'cell', key, part, slot, cell });
    }
  }
  return patches;
}
