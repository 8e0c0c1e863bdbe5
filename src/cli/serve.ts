/**
 * `faultline serve [dir] [--port N] [--host H]`: serves a reports directory over HTTP, read-only,
 * so the index and every report can be opened from another machine's browser (through an SSH
 * tunnel) or shared on a team's box. Binds 127.0.0.1 unless told otherwise. A request for anything
 * outside the directory (`..`, an encoded `%2e%2e`, a symlink leading out) is refused with 403, and
 * so is a request whose Host header is not a loopback name or the bound address (DNS rebinding).
 */
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { isIP } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../core/errors.js';
import { FILES } from '../report/store.js';
import { writeIndex } from '../report/index-page.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonl': 'application/x-ndjson; charset=utf-8',
  '.log': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Maps a request path to a file inside `root` (a real path), or a status code to answer with. */
export function resolveRequest(root: string, url: string): string | 403 | 404 {
  let path: string;
  try {
    path = decodeURIComponent(url.split(/[?#]/)[0]);
  } catch {
    return 403;
  }
  if (path.includes('\0') || path.split(/[\\/]/).includes('..')) return 403;
  let file: string;
  try {
    file = realpathSync(resolve(root, '.' + path));
  } catch {
    return 404;
  }
  if (file !== root && !file.startsWith(root + sep)) return 403;
  if (statSync(file).isDirectory()) {
    for (const page of [FILES.index, FILES.report]) {
      try {
        if (statSync(join(file, page)).isFile()) return join(file, page);
      } catch {
        // try the next one
      }
    }
    return 404;
  }
  return file;
}

/** Host names a browser on this machine uses for a loopback server. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Whether to answer a request with this Host header. Against DNS rebinding (a page on an attacker's
 * domain whose name is re-pointed at 127.0.0.1, so that the browser lets its scripts read the
 * reports), only loopback names are accepted — 127.0.0.1, localhost, [::1], with any port, as an SSH
 * tunnel may use another — and the address the server was bound to when it is a literal IP other than
 * a wildcard (`--host 10.0.0.5` serves a team as http://10.0.0.5:8080/; an IP literal cannot be rebound).
 */
export function hostAllowed(header: string | undefined, bound: string): boolean {
  const m = header === undefined ? null : /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/i.exec(header);
  if (!m) return false;
  const name = m[1].toLowerCase();
  if (LOOPBACK_NAMES.includes(name)) return true;
  const b = bound.includes(':') ? `[${bound.toLowerCase()}]` : bound.toLowerCase();
  return isIP(bound) !== 0 && bound !== '0.0.0.0' && bound !== '::' && name === b;
}

/** A running server. */
export interface Serving {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Starts serving `dir` on `host:port` (port 0 picks a free one). */
export async function startServer(dir: string, opts: { port: number; host?: string }): Promise<Serving> {
  let root: string;
  try {
    root = realpathSync(dir);
  } catch {
    throw new UserError(`${dir}: no such reports directory`);
  }
  const host = opts.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    const send = (code: number, text: string) => res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8' }).end(text + '\n');
    if (!hostAllowed(req.headers.host, host)) return send(403, 'forbidden: unexpected Host header (open the reports as http://127.0.0.1 or http://localhost)');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'read-only');
    const file = resolveRequest(root, req.url ?? '/');
    if (file === 403) return send(403, 'forbidden: outside the reports directory');
    if (file === 404) return send(404, 'not found');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'x-content-type-options': 'nosniff' });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  });
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(opts.port, host, () => ok()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  return { url, server, close: () => new Promise((ok) => (server.close(() => ok()), server.closeAllConnections())) };
}

/** Adds `serve` to the program. */
export function registerServeCommand(program: Command): Command {
  return program
    .command('serve')
    .description('serve the reports directory (index of runs and every report) over HTTP, read-only')
    .argument('[dir]', 'the reports directory', 'reports')
    .option('--port <port>', 'TCP port (0: any free one)', '8080')
    .option('--host <host>', 'address to bind; the default keeps it on this machine (requests must name a loopback host or this address: other Host headers get 403)', '127.0.0.1')
    .action(async (dir: string, raw: { port: string; host: string }) => {
      const port = Number(raw.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`serve: option --port: expected 0–65535, got ${JSON.stringify(raw.port)}`);
      try {
        writeIndex(dir);
      } catch (e) {
        process.stderr.write(`warning: ${join(dir, FILES.index)} not regenerated: ${(e as Error).message}\n`);
      }
      const s = await startServer(dir, { port, host: raw.host }).catch((e: NodeJS.ErrnoException) => {
        throw e instanceof UserError ? e : new UserError(`serve: cannot listen on ${raw.host}:${port} (${e.code ?? e.message})`);
      });
      process.stdout.write(`serving ${resolve(dir)} at ${s.url} (Ctrl-C to stop)\n`);
      await new Promise<void>((done) => {
        const stop = () => void s.close().then(done);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
