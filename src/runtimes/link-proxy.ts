/**
 * A TCP proxy for one directed link i→j, living in the harness process: node i dials it instead of
 * node j's peer port, and it forwards to j. Bytes from i to j pass through this link's faults; bytes
 * coming back on the same connection are traffic from j to i and pass through the faults of the
 * reverse link (`reverseState`), so a one-way partition stays one-way whatever the protocol does.
 *
 * A cut link in `blackhole` mode drops data silently and lets connections hang: a connection
 * accepted during the cut is held open without dialling j until the link heals. In `reset` mode every
 * connection of the link is reset at once and new ones are reset on accept.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { Link } from './runtime.js';
import { Pipe, type LinkState } from './link-proxy-pipe.js';

export interface LinkProxyOptions {
  link: Link;
  /** Where node `link.to` listens for peers. */
  upstream: { host: string; port: number };
  framed: boolean;
  state(): LinkState;
  reverseState(): LinkState;
  random(): number;
}

interface Conn {
  client: Socket;
  upstream: Socket | undefined;
  forward: Pipe;
  backward: Pipe;
}

/** One directed link's proxy. */
export class LinkProxy {
  private server: Server | undefined;
  private readonly conns = new Set<Conn>();
  private addr: { host: string; port: number } | undefined;

  constructor(private readonly o: LinkProxyOptions) {}

  /** Listens on `host:port` (port 0: any free port); resolves with the address. */
  async listen(host = '127.0.0.1', port = 0): Promise<{ host: string; port: number }> {
    const server = createServer({ noDelay: true }, (s) => this.accept(s));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const a = server.address();
    if (a === null || typeof a === 'string') throw new Error('link proxy: cannot read its own address');
    this.addr = { host, port: a.port };
    return this.addr;
  }

  get address(): { host: string; port: number } {
    if (!this.addr) throw new Error(`link proxy ${this.o.link.from}→${this.o.link.to} is not listening`);
    return this.addr;
  }

  /** Open connections (for tests and diagnostics). */
  get connectionCount(): number {
    return this.conns.size;
  }

  /**
   * Brings connections in line with the current states: resets connections of a link cut in reset
   * mode, dials j for connections held during a black-hole that has healed, and resets connections
   * whose unframed stream lost bytes once both directions are whole again.
   */
  refresh(): void {
    const fwd = this.o.state().cut;
    const back = this.o.reverseState().cut;
    for (const c of this.conns) {
      if (fwd === 'reset' || back === 'reset') this.reset(c);
      else if ((c.forward.tainted || c.backward.tainted) && !fwd && !back) this.reset(c);
      else if (!fwd && !c.upstream) this.dial(c);
    }
  }

  /** Closes the listener and every connection. */
  async close(): Promise<void> {
    for (const c of this.conns) this.reset(c);
    const server = this.server;
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }

  private accept(client: Socket): void {
    if (this.o.state().cut === 'reset' || this.o.reverseState().cut === 'reset') return void client.resetAndDestroy();
    const pipe = (state: () => LinkState, source: () => Socket | undefined) =>
      new Pipe({
        framed: this.o.framed,
        state,
        random: this.o.random,
        pauseSource: () => source()?.pause(),
        resumeSource: () => source()?.resume(),
      });
    const c: Conn = { client, upstream: undefined, forward: undefined!, backward: undefined! };
    c.forward = pipe(this.o.state, () => c.client);
    c.backward = pipe(this.o.reverseState, () => c.upstream);
    c.backward.out = client;
    this.conns.add(c);
    client.on('data', (d: Buffer) => c.forward.push(d));
    client.on('error', () => this.reset(c));
    client.on('close', () => this.reset(c));
    if (!this.o.state().cut) this.dial(c);
  }

  private dial(c: Conn): void {
    const up = connect({ host: this.o.upstream.host, port: this.o.upstream.port, noDelay: true });
    c.upstream = up;
    c.forward.out = up;
    up.on('data', (d: Buffer) => c.backward.push(d));
    up.on('error', () => this.reset(c));
    up.on('close', () => this.reset(c));
  }

  private reset(c: Conn): void {
    if (!this.conns.delete(c)) return;
    c.forward.close();
    c.backward.close();
    if (!c.client.destroyed) c.client.resetAndDestroy();
    if (c.upstream && !c.upstream.destroyed) c.upstream.resetAndDestroy();
  }
}
