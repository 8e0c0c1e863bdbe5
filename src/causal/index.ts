/**
 * The causal engine: causal consistency (CC, CCv, CM, after Bouajjani, Enea, Guerraoui and Hamza,
 * POPL 2017) and the four session guarantees (Terry et al. 1994) of differentiated read/write
 * histories, in polynomial time. Imports nothing from the rest of faultline.
 *
 * ```ts
 * import { checkCausal, checkSessions } from './causal/index.js';
 * checkCausal([
 *   { id: 0, process: 1, kind: 'write', key: 'x', value: 1 },
 *   { id: 1, process: 2, kind: 'read', key: 'x', value: 1 },
 *   { id: 2, process: 2, kind: 'read', key: 'x', value: null },
 * ]).cc; // { holds: false, by: ['WriteCOInitRead'] }
 * ```
 */
export type * from './types.js';
export { PATTERNS } from './types.js';
export { checkCausal, type CausalOptions, type CausalResult } from './check.js';
export { checkSessions, GUARANTEES, SESSION_KINDS, type Guarantee, type SessionKind, type SessionOptions, type SessionResult } from './session.js';
