/**
 * Free TCP ports on loopback. Every port is found by binding port 0 and reading what the kernel chose;
 * all listeners are held open until the whole set is known, so one call never returns a port twice.
 */
import { createServer, type Server } from 'node:net';

/** Returns `count` distinct ports free on `host` at the time of the call. */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, host, () => resolve());
      });
      const addr = server.address();
      if (addr === null || typeof addr === 'string') throw new Error('cannot read the port of a listening socket');
      ports.push(addr.port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  }
}
