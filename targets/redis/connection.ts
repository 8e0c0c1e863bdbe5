/**
 * One client's connection to the Redis primary, found through Sentinel (ioredis in Sentinel mode:
 * at every connect and reconnect it asks the Sentinels which server is the primary, and checks that
 * server's own `role` before using it), and `exchange`, which sends a batch of commands on it in one
 * write and says honestly what is known when something goes wrong.
 *
 * ioredis is set up so that it never sends a command the harness did not see sent, and never sends
 * one twice: no offline queue (a command issued while disconnected is refused at once, unsent), no
 * resending of unanswered commands after a reconnect, no retries per request. It reconnects by
 * itself (backing off 50 ms doubling to 1 s), asking Sentinel again each time; a `READONLY` reply
 * (the server was demoted) makes it reconnect too.
 *
 * Outcomes of `exchange`:
 *  - not connected to a primary within `readyWaitMs` (a node down, a failover under way): nothing was
 *    sent → definite `ClientError` (`not-connected: …`); the client keeps trying in the background.
 *  - the replies, each `[error, value]`: server error replies are `ReplyError`s (the server refused:
 *    definite); a command refused unsent by ioredis is marked `unsent`; any other error (connection
 *    closed with the command in flight) leaves its effect unknown.
 *  - the caller's signal aborts first: the connection is dropped (so the next op reconnects through
 *    Sentinel) and a `ClientError` definite only for read-only batches.
 */
import { Redis, ReplyError } from 'ioredis';
import { ClientError } from '../../src/core/errors.js';
import type { NodeRef } from '../../src/core/target.js';
import { MASTER_NAME } from './options.js';

/** One command: its name and arguments. */
export type Command = [name: string, ...args: (string | number)[]];
/** One reply: an error or a value. */
export type Reply = [Error | null, unknown];

/** How ioredis reports a command it refused to send (no offline queue). */
const UNSENT = "Stream isn't writeable";

/** How an error in a reply came about. */
export function errorKind(e: Error): 'refused' | 'unsent' | 'unknown' {
  if (e instanceof ReplyError) return 'refused';
  if (e.message.startsWith(UNSENT)) return 'unsent';
  return 'unknown';
}

const backoff = (times: number) => Math.min(50 * 2 ** Math.max(0, times - 1), 1_000);

/** Options of a primary connection. */
export interface PrimaryOptions {
  /** Subscribe to Sentinel's +switch-master and drop the primary as soon as it is replaced. */
  failoverDetector: boolean;
  /** How long an op waits for a connection to the primary before failing unsent (ms). */
  readyWaitMs: number;
}

/** A connection to whatever Sentinel says is the primary. */
export class PrimaryConnection {
  readonly redis: Redis;
  private lastError = '';

  /** Asks the Sentinels of `nodes`, starting with `home`'s. */
  constructor(home: NodeRef, nodes: readonly NodeRef[], private readonly o: PrimaryOptions) {
    const ordered = [home, ...nodes.filter((n) => n.name !== home.name)].filter((n) => n.peerPort !== undefined);
    if (ordered.length === 0) throw new ClientError('redis: no Sentinel address (the runtime gives no peer ports)', true);
    this.redis = new Redis({
      sentinels: ordered.map((n) => ({ host: n.host, port: n.peerPort as number })),
      name: MASTER_NAME,
      role: 'master',
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      maxRetriesPerRequest: 0,
      retryStrategy: backoff,
      sentinelRetryStrategy: backoff,
      reconnectOnError: (e) => (e.message.startsWith('READONLY') ? 1 : false),
      connectTimeout: 2_000,
      sentinelCommandTimeout: 1_000,
      failoverDetector: o.failoverDetector,
      disableClientInfo: true,
      protocol: 2,
    });
    this.redis.on('error', (e: Error) => {
      this.lastError = e.message;
    });
  }

  /** Resolves once connected to a primary; throws a definite error after `readyWaitMs` or on abort. */
  private async ready(signal: AbortSignal): Promise<void> {
    if (this.redis.status === 'ready') return;
    const ok = await new Promise<boolean>((resolve) => {
      const done = (v: boolean) => {
        clearTimeout(timer);
        this.redis.off('ready', onReady);
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      };
      const onReady = () => done(true);
      const onAbort = () => done(false);
      const timer = setTimeout(() => done(false), this.o.readyWaitMs);
      this.redis.on('ready', onReady);
      signal.addEventListener('abort', onAbort, { once: true });
    });
    if (!ok || (this.redis.status as string) !== 'ready') {
      throw new ClientError(`not-connected: no primary connection (${this.redis.status}${this.lastError ? `; ${this.lastError}` : ''})`, true);
    }
  }

  /** Sends `commands` in one write and returns their replies (see the module header). */
  async exchange(commands: readonly Command[], signal: AbortSignal, readOnly: boolean): Promise<Reply[]> {
    await this.ready(signal);
    const pipeline = this.redis.pipeline();
    for (const [name, ...args] of commands) pipeline.call(name, ...args);
    const sent = pipeline.exec();
    sent.catch(() => undefined);
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<'aborted'>((resolve) => {
      onAbort = () => resolve('aborted');
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const r = await Promise.race([sent, aborted]);
      if (r === 'aborted') {
        this.redis.disconnect(true);
        throw new ClientError('timed out', readOnly);
      }
      if (!r) throw new ClientError('no replies', readOnly);
      return r as Reply[];
    } catch (e) {
      if (e instanceof ClientError) throw e;
      throw new ClientError(`connection lost: ${(e as Error).message}`, readOnly);
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
    }
  }

  /** Closes the connection (and any Sentinel subscriptions); no reconnect. */
  close(): void {
    this.redis.disconnect();
  }
}
