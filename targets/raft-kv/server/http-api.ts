/**
 * The client HTTP/JSON API of a node.
 *
 *   POST /kv      body: a KvRequest (see kv/protocol.ts) → 200 KvResult | 421 not-leader | 400 bad-request
 *                 | 503 timeout / leadership-lost (indefinite)
 *   GET  /status  → NodeStatus (role, term, leader, indices), for readiness and leader discovery
 *
 * A malformed request gets a 4xx with a message and changes nothing.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { httpStatus, kvRequestSchema, type KvReply, type KvRequest, type NodeStatus } from '../kv/protocol.js';
import type { Address } from './peer-transport.js';

/** What the HTTP API serves: the Raft mode's request handler or a leaderless node. */
export interface KvService {
  /** Handles one validated request; resolves with the reply to send. */
  handle(req: KvRequest): Promise<KvReply>;
  /** What `GET /status` answers. */
  status(): NodeStatus;
  log(line: string): void;
}

const MAX_BODY = 1024 * 1024;

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function route(service: KvService, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'GET' && req.url === '/status') return reply(res, 200, service.status());
  if (req.url !== '/kv') return reply(res, 404, { error: 'bad-request', message: `no route ${req.method} ${req.url}`, definite: true });
  if (req.method !== 'POST') return reply(res, 405, { error: 'bad-request', message: 'use POST /kv', definite: true });
  const text = await readBody(req);
  if (text === undefined) return reply(res, 413, { error: 'bad-request', message: `body over ${MAX_BODY} bytes`, definite: true });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return reply(res, 400, { error: 'bad-request', message: 'body is not JSON', definite: true });
  }
  const parsed = kvRequestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = `${issue.path.join('.') || 'request'}: ${issue.message}`;
    return reply(res, 400, { error: 'bad-request', message, definite: true });
  }
  const out: KvReply = await service.handle(parsed.data);
  reply(res, httpStatus(out), out);
}

/** Starts the HTTP server on `listen`. */
export async function startHttpApi(service: KvService, listen: Address): Promise<Server> {
  const server = createServer((req, res) => {
    route(service, req, res).catch((e: unknown) => {
      service.log(`http: ${(e as Error).stack}`);
      if (!res.headersSent) reply(res, 500, { error: 'internal', message: String(e) });
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  return server;
}
