/**
 * Entry point of a raft-kv server process (compiled to dist/targets/raft-kv/server.js):
 *
 *   node dist/targets/raft-kv/server.js --id n1 --listen 127.0.0.1:7001 --peer-listen 127.0.0.1:7101 \
 *        --peers n2=127.0.0.1:7102,n3=127.0.0.1:7103 --data-dir DIR [--read-mode read-index] …
 *
 * With `--replication leaderless` the node runs the AP mode of leaderless/ instead of Raft.
 * See server/options.ts for every flag and README.md for what each mode guarantees. Logs go to
 * stderr, one line each, prefixed with the node id. SIGTERM or SIGINT stops it gracefully (see
 * `shutdown`), also during start-up. Exit codes: 0 stopped by SIGTERM/SIGINT, 2 bad arguments, 3 the
 * `--exit-after-ms` fault switch,
 * 70 storage failure, 71 refusing to start (corrupt data, port in use). A signal that arrives before
 * Node has loaded this code ends the process by that signal.
 */
import type { Server } from 'node:http';
import { LeaderlessNode } from './leaderless/node.js';
import { SkewableClock } from './server/clock.js';
import { startHttpApi, type KvService } from './server/http-api.js';
import { parseServerArgs, type ServerOptions } from './server/options.js';
import { RaftNode } from './server/raft-node.js';
import { RequestHandler } from './server/requests.js';

/**
 * A graceful stop, in the order that leaves nothing half done: stop accepting clients (and cut the
 * open connections, whose requests are then indeterminate to their clients, as they are), stop Raft
 * (timers, peers, and the save in flight, which completes), and close storage last.
 */
async function shutdown(server: Server | undefined, node: RaftNode | LeaderlessNode): Promise<void> {
  if (server) {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }
  await node.stop();
}

async function main(): Promise<void> {
  let opts: ServerOptions;
  try {
    opts = parseServerArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`raft-kv: ${(e as Error).message}\n`);
    process.exit(2);
  }
  const log = (line: string): void => void process.stderr.write(`${new Date().toISOString()} ${opts.id} ${line}\n`);
  const clock = new SkewableClock(opts.clockOffsetFile);
  const node = opts.replication === 'leaderless' ? new LeaderlessNode(opts, clock, log) : new RaftNode(opts, clock, log);
  let server: Server | undefined;
  // Installed before anything starts: a stop asked for during start-up waits for it, then stops.
  let startup: Promise<void> = Promise.resolve();
  let stopping = false;
  const stop = (sig: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log(`${sig}: shutting down`);
    void startup
      .then(() => shutdown(server, node))
      .then(
        () => process.exit(0),
        (e: unknown) => {
          log(`shutdown failed: ${(e as Error).stack}`);
          process.exit(70);
        },
      );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  startup = (async () => {
    await clock.start();
    await node.start();
    const service: KvService = node instanceof RaftNode ? new RequestHandler(node) : node;
    server = await startHttpApi(service, opts.listen);
  })().catch((e: unknown) => {
    log(`refusing to start: ${(e as Error).message}`);
    process.exit(71);
  });
  await startup;
  if (stopping) return;
  if (opts.exitAfterMs > 0) {
    setTimeout(() => {
      log(`fault switch: exiting by itself after ${opts.exitAfterMs} ms (--exit-after-ms)`);
      process.exit(3);
    }, opts.exitAfterMs).unref();
  }
  const mode = opts.replication === 'leaderless' ? `leaderless, versions on the ${opts.lwwClock === 'wall' ? 'WALL CLOCK' : 'hybrid logical clock'}` : `read mode ${opts.readMode}`;
  log(`serving clients on ${opts.listen.host}:${opts.listen.port}, peers on ${opts.peerListen.host}:${opts.peerListen.port}, ${mode}${opts.fsync ? '' : ', NO FSYNC'}${opts.ackBeforeCommit ? ', ACK BEFORE COMMIT' : ''}${opts.txnMode === 'split' ? ', SPLIT TRANSACTIONS' : ''}`);
}

void main();
