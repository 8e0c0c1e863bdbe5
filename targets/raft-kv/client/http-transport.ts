/**
 * One HTTP/JSON exchange with one raft-kv node, over a keep-alive agent. The outcome is a value,
 * not an exception, so the retry logic can branch on it: a reply (any status with a JSON body),
 * `refused` (the connection was never made, so the request certainly was not delivered), `aborted`
 * (the caller's signal fired) or `lost` (the connection failed after the request may have been sent).
 */
import { Agent, request } from 'node:http';
import type { NodeRef } from '../../../src/core/target.js';
import type { KvReply } from '../kv/protocol.js';

export type Exchange =
  | { kind: 'reply'; status: number; body: KvReply }
  | { kind: 'refused'; message: string }
  | { kind: 'aborted' }
  | { kind: 'lost'; message: string };

/** Sends `body` to `path` on `node`; GET when body is undefined. Never throws. */
export function exchange(agent: Agent, node: NodeRef, path: string, body: unknown, signal?: AbortSignal): Promise<Exchange> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve({ kind: 'aborted' });
    const text = body === undefined ? undefined : JSON.stringify(body);
    let connected = false;
    const headers: Record<string, string | number> = text === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) };
    const req = request({ host: node.host, port: node.clientPort, path, method: text === undefined ? 'GET' : 'POST', agent, headers, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve({ kind: 'reply', status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as KvReply });
        } catch {
          resolve({ kind: 'lost', message: `unparsable reply (HTTP ${res.statusCode})` });
        }
      });
      res.on('error', (e) => resolve(signal?.aborted ? { kind: 'aborted' } : { kind: 'lost', message: e.message }));
    });
    req.on('socket', (s) => {
      if (!s.connecting) connected = true;
      else s.once('connect', () => (connected = true));
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (signal?.aborted) resolve({ kind: 'aborted' });
      else if (!connected && (e.code === 'ECONNREFUSED' || e.code === 'EHOSTUNREACH' || e.code === 'ENETUNREACH')) resolve({ kind: 'refused', message: e.code });
      else resolve({ kind: 'lost', message: e.code ?? e.message });
    });
    req.end(text);
  });
}

/** A keep-alive agent for one client (one request at a time). */
export function clientAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 1 });
}
