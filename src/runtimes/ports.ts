/**
 * Free TCP ports on loopback for nodes and link proxies to listen on.
 *
 * Ports come from below the kernel's ephemeral range (ip_local_port_range), never from it: between the
 * moment a port is found free and the moment its node binds it, other processes of the cluster are
 * already dialling out, and an outgoing connection takes its source port from the ephemeral range —
 * a listen port chosen there could be taken before its node starts. Each candidate is checked by
 * binding it; all are held until the whole set is known, so one call never returns a port twice.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';

/** The lowest ephemeral port (32768 when /proc does not say). */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 2048 ? low : 32768;
  } catch {
    return 32768;
  }
}

function tryListen(port: number, host: string): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, host, () => resolve(server));
  });
}

/** Returns `count` distinct ports, free on `host` at the time of the call, below the ephemeral range. */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const high = ephemeralLow();
  const low = Math.max(1024, Math.floor(high / 3));
  const servers: Server[] = [];
  const ports: number[] = [];
  try {
    for (let tries = 0; ports.length < count; tries++) {
      if (tries > count * 50) throw new Error(`cannot find ${count} free ports on ${host} between ${low} and ${high}`);
      const port = low + Math.floor(Math.random() * (high - low));
      if (ports.includes(port)) continue;
      const server = await tryListen(port, host);
      if (!server) continue;
      servers.push(server);
      ports.push(port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  }
}
