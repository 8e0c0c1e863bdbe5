/**
 * Peer RPC over TCP. Each node listens on its peer port for inbound connections, which only carry
 * messages *to* it; for each peer it dials the address it was given for that peer and only sends on
 * that connection. So every directed link i→j is one TCP connection to the address node i was told
 * for j, which may be a fault-injecting proxy. Messages are fire-and-forget (Raft retries): when a
 * link is down or its send buffer is full, messages are dropped; the connection is re-dialled with
 * back-off. The transport carries any JSON message with a `to` field: Raft's messages, and the
 * leaderless mode's pushes and anti-entropy exchanges.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { NodeId } from '../core/types.js';
import { encodeFrame, FrameDecoder } from './frames.js';

/** host and port. */
export interface Address {
  host: string;
  port: number;
}

interface Link {
  socket?: Socket;
  connecting: boolean;
  queue: Buffer[];
  retryAt: number;
  backoff: number;
}

const MAX_BUFFERED = 16 * 1024 * 1024;
const MAX_QUEUED = 1024;

export class PeerTransport<M extends { to: NodeId }> {
  private server: Server | undefined;
  private readonly links = new Map<NodeId, Link>();
  private readonly inbound = new Set<Socket>();
  private closed = false;

  constructor(
    private readonly listen: Address,
    private readonly peers: Map<NodeId, Address>,
    private readonly onMessage: (m: M) => void,
    private readonly log: (line: string) => void,
  ) {
    for (const id of peers.keys()) this.links.set(id, { connecting: false, queue: [], retryAt: 0, backoff: 50 });
  }

  /** Starts accepting peer connections. */
  async start(): Promise<void> {
    this.server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.listen.port, this.listen.host, () => resolve());
    });
  }

  /** Sends `m` to `m.to` if its link is usable; otherwise drops it. */
  send(m: M): void {
    const link = this.links.get(m.to);
    if (!link || this.closed) return;
    const frame = encodeFrame(m);
    if (link.socket) {
      if (link.socket.writableLength < MAX_BUFFERED) link.socket.write(frame);
      return;
    }
    if (link.queue.length < MAX_QUEUED) link.queue.push(frame);
    this.dial(m.to, link);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const l of this.links.values()) l.socket?.destroy();
    for (const s of this.inbound) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(socket: Socket): void {
    this.inbound.add(socket);
    socket.setNoDelay(true);
    const decoder = new FrameDecoder();
    socket.on('data', (chunk) => {
      try {
        for (const m of decoder.push(chunk)) this.onMessage(m as M);
      } catch (e) {
        this.log(`peer: dropping inbound connection: ${(e as Error).message}`);
        socket.destroy();
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.inbound.delete(socket));
  }

  private dial(to: NodeId, link: Link): void {
    const now = Date.now();
    if (link.connecting || this.closed || now < link.retryAt) return;
    link.connecting = true;
    const addr = this.peers.get(to)!;
    const socket = connect({ host: addr.host, port: addr.port });
    socket.setNoDelay(true);
    socket.on('connect', () => {
      link.connecting = false;
      link.socket = socket;
      link.backoff = 50;
      socket.cork();
      for (const f of link.queue) socket.write(f);
      socket.uncork();
      link.queue = [];
    });
    socket.on('data', () => {});
    socket.on('error', () => {});
    socket.on('close', () => {
      link.connecting = false;
      if (link.socket === socket) link.socket = undefined;
      link.queue = [];
      link.retryAt = Date.now() + link.backoff;
      link.backoff = Math.min(link.backoff * 2, 1000);
    });
  }
}
