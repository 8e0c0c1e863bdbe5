/**
 * Entry point of a raft-kv server process (compiled to dist/targets/raft-kv/server.js):
 *
 *   node dist/targets/raft-kv/server.js --id n1 --listen 127.0.0.1:7001 --peer-listen 127.0.0.1:7101 \
 *        --peers n2=127.0.0.1:7102,n3=127.0.0.1:7103 --data-dir DIR [--read-mode read-index] …
 *
 * See server/options.ts for every flag and README.md for what each mode guarantees. Logs go to
 * stderr, one line each, prefixed with the node id. Exit codes: 2 bad arguments, 70 storage failure,
 * 71 refusing to start (corrupt data, port in use).
 */
import { SkewableClock } from './server/clock.js';
import { startHttpApi } from './server/http-api.js';
import { parseServerArgs, type ServerOptions } from './server/options.js';
import { RaftNode } from './server/raft-node.js';
import { RequestHandler } from './server/requests.js';

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
  await clock.start();
  const node = new RaftNode(opts, clock, log);
  try {
    await node.start();
    const handler = new RequestHandler(node);
    await startHttpApi(node, handler, opts.listen);
  } catch (e) {
    log(`refusing to start: ${(e as Error).message}`);
    process.exit(71);
  }
  log(`serving clients on ${opts.listen.host}:${opts.listen.port}, peers on ${opts.peerListen.host}:${opts.peerListen.port}, read mode ${opts.readMode}${opts.fsync ? '' : ', NO FSYNC'}${opts.ackBeforeCommit ? ', ACK BEFORE COMMIT' : ''}${opts.txnMode === 'split' ? ', SPLIT TRANSACTIONS' : ''}`);
  const stop = (): void => {
    void node.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
