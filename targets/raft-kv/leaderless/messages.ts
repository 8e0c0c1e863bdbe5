/**
 * What leaderless nodes send each other over the peer transport (one frame each, so the link proxies
 * cut, drop, delay and duplicate them like Raft's messages):
 *
 * - `push`: the patches of local changes, sent to every peer once they are durable here;
 * - `digest`: a fingerprint per key, sent to every peer every anti-entropy period;
 * - `cells`: the answer to a digest, this node's state of each key whose fingerprint differed or was
 *   missing at the sender, which merges it.
 */
import type { Store } from './cells.js';
import type { Digest } from './digests.js';
import type { Patch } from './patches.js';

export type LeaderlessMessage =
  | { type: 'push'; from: string; to: string; patches: Patch[] }
  | { type: 'digest'; from: string; to: string; digest: Digest }
  | { type: 'cells'; from: string; to: string; store: Store };
