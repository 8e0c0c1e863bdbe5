/**
 * The causal engine: the four session guarantees (Terry et al. 1994) of differentiated read/write
 * histories, judged against the causal order, in polynomial time. Imports nothing from the rest of
 * faultline.
 *
 * ```ts
 * import { checkSessions } from './causal/index.js';
 * checkSessions([
 *   { id: 0, process: 1, kind: 'write', key: 'x', value: 1 },
 *   { id: 1, process: 1, kind: 'read', key: 'x', value: null },
 * ]).status['read-your-writes']; // 'ruled-out'
 * ```
 */
export type * from './types.js';
export { PATTERNS } from './types.js';
export { checkSessions, GUARANTEES, SESSION_KINDS, type Guarantee, type SessionKind, type SessionOptions, type SessionResult } from './session.js';
