/**
 * A TCP endpoint on 127.0.0.1 in front of this host's Docker socket, so a run with
 * `DOCKER_HOST=tcp://127.0.0.1:<port>` sees a remote engine (nothing of it reachable as a local
 * socket or PID) while the containers still run here. Bytes are copied both ways; half-closes pass
 * through (an exec's stdin is closed that way, and its output still comes back).
 */
import { connect, createServer, type Socket } from 'node:net';

export interface DockerProxy {
  /** `tcp://127.0.0.1:<port>`, for DOCKER_HOST. */
  url: string;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/** Starts the proxy to `socketPath` on a free port of 127.0.0.1. */
export async function startDockerProxy(socketPath = '/var/run/docker.sock'): Promise<DockerProxy> {
  const open = new Set<Socket>();
  let accepted = 0;
  const server = createServer({ allowHalfOpen: true }, (client) => {
    accepted++;
    const engine = connect({ path: socketPath, allowHalfOpen: true });
    for (const s of [client, engine]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => (client.destroy(), engine.destroy()));
    }
    client.pipe(engine);
    engine.pipe(client);
  });
  await new Promise<void>((res, rej) => server.once('error', rej).listen(0, '127.0.0.1', res));
  const { port } = server.address() as { port: number };
  return {
    url: `tcp://127.0.0.1:${port}`,
    connections: () => accepted,
    close: () =>
      new Promise<void>((res) => {
        for (const s of open) s.destroy();
        server.close(() => res());
      }),
  };
}
