/**
 * Putting a spec's files (`NodeFile`: a node's or a sidecar's) in place on an ssh host before its
 * first start: relative paths under its working directory, each written through the host's command
 * channel with its mode, every path quoted.
 */
import { posix } from 'node:path';
import type { NodeFile } from '../core/target.js';
import type { SshHost } from './ssh-conn.js';
import { shellQuote } from './ssh-quote.js';

/** Writes `files` on `host`, relative paths under `cwd` (directories created). */
export async function placeRemoteFiles(host: SshHost, cwd: string, files: readonly NodeFile[]): Promise<void> {
  for (const f of files) {
    const path = posix.isAbsolute(f.path) ? f.path : posix.join(cwd, f.path);
    await host.sh(`mkdir -p ${shellQuote(posix.dirname(path))} && cat > ${shellQuote(path)} && chmod ${(f.mode ?? 0o644).toString(8)} ${shellQuote(path)}`, f.content);
  }
}
