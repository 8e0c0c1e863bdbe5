/**
 * A `Client` that is a process in any language speaking the JSON-lines protocol (process-protocol.ts)
 * on its stdin and stdout. The process is started when the client opens, sent `init`, and kept for
 * every op until it fails; its start-up (until it answers `init`) does not count against an op.
 *
 * Every op the process does not answer definitely is `info`: no answer by the op timeout (the runner
 * aborts the op; a late answer to it is ignored), the process exiting with ops outstanding, or a
 * malformed line on stdout (then the process is killed). Each such problem is logged once, with the
 * line; the next op starts a fresh process. Each stderr line of the process goes to the harness log.
 * An op that could not be sent (the process would not start or answer `init`) is a definite `fail`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Client } from '../../src/core/client.js';
import { ClientError } from '../../src/core/errors.js';
import type { Completion, Op } from '../../src/core/op.js';
import { clip, initLine, opLine, parseAnswer } from './process-protocol.js';

/** How long a process may take to answer `init` (generous: an interpreter behind a version-manager shim takes seconds to start on a loaded machine). */
export const INIT_TIMEOUT_MS = 30_000;

/** How to start the client process and where its problems go. */
export interface ProcessClientOptions {
  /** argv, placeholders already filled in: command[0] is the program. */
  command: readonly string[];
  cwd: string;
  env?: Readonly<Record<string, string>>;
  /** The node this client is bound to (sent with every op). */
  node: string;
  /** Every node's client address, `host:port`, by name (sent with `init`). */
  nodes: Readonly<Record<string, string>>;
  /** The harness log. */
  log?(message: string): void;
}

type Pending = (c: Completion | Error) => void;

/** One running client process and its outstanding requests. */
interface Running {
  child: ChildProcess;
  pending: Map<number, Pending>;
  /** Every id sent to this process: an answer to another id is malformed; to a sent one no longer pending, late. */
  sent: Set<number>;
  /** Resolves once the process has answered `init`; rejects (definite) if it does not. */
  ready: Promise<void>;
  /** Set once the process is of no more use (exited, killed, or closed by us). */
  over: boolean;
}

/** Opens a client running `o.command` as its process; resolves once the process has answered `init`. */
export async function processClient(o: ProcessClientOptions): Promise<Client> {
  let nextId = 0;
  let current: Running | undefined;
  const label = `client process for ${o.node} (${o.command.join(' ')})`;

  /** Ends `r`: every outstanding op becomes info with `why`; logged once unless we closed it ourselves. */
  const finish = (r: Running, why: string, log: boolean) => {
    if (r.over) return;
    r.over = true;
    if (current === r) current = undefined;
    if (log) o.log?.(`${label}: ${why}${r.pending.size > 0 ? `; ${r.pending.size} request(s) outstanding become info` : ''}`);
    for (const p of r.pending.values()) p(new ClientError(why, false));
    r.pending.clear();
    if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
  };

  const start = (): Running => {
    const child = spawn(o.command[0]!, o.command.slice(1), { cwd: o.cwd, env: { ...process.env, ...o.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const r: Running = { child, pending: new Map(), sent: new Set(), over: false, ready: Promise.resolve() };
    child.stdin!.on('error', () => {}); // EPIPE after an exit: the exit handler reports it
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (r.over) return;
      const a = parseAnswer(line);
      if ('malformed' in a) return finish(r, `wrote a malformed line (${a.malformed}): ${clip(line)}`, true);
      if (!r.sent.has(a.id)) return finish(r, `wrote a malformed line (an answer to id ${a.id}, which it was never sent): ${clip(line)}`, true);
      const p = r.pending.get(a.id);
      if (!p) return; // the answer to an op already given up (timed out)
      r.pending.delete(a.id);
      p(a.completion);
    });
    createInterface({ input: child.stderr! }).on('line', (line) => o.log?.(`${label} stderr: ${clip(line, 1000)}`));
    child.on('error', (e) => finish(r, `could not run: ${e.message}`, true));
    child.on('exit', (code, signal) => finish(r, `exited (${signal ? `signal ${signal}` : `code ${code}`})`, true));
    const id = nextId++;
    r.sent.add(id);
    r.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => finish(r, `did not answer init within ${INIT_TIMEOUT_MS / 1000} s`, true), INIT_TIMEOUT_MS);
      r.pending.set(id, (c) => {
        clearTimeout(timer);
        if (c instanceof Error) reject(new ClientError(`cannot start: ${c.message}`, true));
        else if (c.type === 'ok') resolve();
        else reject(new ClientError(`cannot start: init answered ${c.type}${c.error ? ` (${c.error})` : ''}`, true));
      });
    });
    r.ready.catch(() => finish(r, 'init failed', false));
    child.stdin!.write(initLine(id, o.node, o.nodes));
    return r;
  };

  const send = (r: Running, op: Op, signal: AbortSignal): Promise<Completion> => {
    const id = nextId++;
    return new Promise<Completion>((resolve, reject) => {
      const onAbort = () => {
        r.pending.delete(id);
        reject(new ClientError('timeout: the client process did not answer', false));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      r.sent.add(id);
      r.pending.set(id, (c) => {
        signal.removeEventListener('abort', onAbort);
        if (c instanceof Error) reject(c);
        else resolve(c);
      });
      r.child.stdin!.write(opLine(id, op, o.node));
    });
  };

  current = start();
  await current.ready;
  return {
    async invoke(op: Op, signal: AbortSignal): Promise<Completion> {
      const r = current && !current.over ? current : (current = start());
      await r.ready;
      return send(r, op, signal);
    },
    async close() {
      const r = current;
      if (!r) return;
      const gone = r.child.pid === undefined || r.child.exitCode !== null || r.child.signalCode !== null;
      const exited = new Promise<void>((resolve) => (gone ? resolve() : (r.child.once('exit', () => resolve()), r.child.once('error', () => resolve()))));
      finish(r, 'client closed', false);
      await exited;
    },
  };
}
