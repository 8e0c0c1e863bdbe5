/**
 * One client's gateway calls, with one refusal back-off (backoff.ts) shared by every op kind: a
 * register read after a refused txn waits as long as the next txn would. A refused connection sleeps
 * before it is reported (the op's own signal can end the sleep early: still a definite failure); any
 * other outcome, an answer or another error, resets the back-off.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { refusalBackoff, type Backoff } from './backoff.js';
import { gatewayPost, RefusedError } from './gateway.js';

/** A gateway call bound to one member: `gatewayPost` without the base URL. */
export type GatewayCall = (path: string, body: unknown, signal: AbortSignal, readOnly: boolean) => Promise<Record<string, unknown>>;

/** Gateway calls to `baseUrl` that back off after each refusal, by `backoff` (default: a fresh one). */
export function backedOffPost(baseUrl: string, backoff: Backoff = refusalBackoff()): GatewayCall {
  return async (path, body, signal, readOnly) => {
    try {
      const reply = await gatewayPost(baseUrl, path, body, signal, readOnly);
      backoff.reset();
      return reply;
    } catch (e) {
      if (!(e instanceof RefusedError)) backoff.reset();
      else await sleep(backoff.refused(), undefined, { signal }).catch(() => undefined);
      throw e;
    }
  };
}
