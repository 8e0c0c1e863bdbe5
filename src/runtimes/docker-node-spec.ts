/**
 * What a node's containers are made from (`ContainerSpec`: names, images, command, address, files),
 * and the tar stream that puts a node's `NodeSpec` files and data directory into its container
 * before the first start.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import type { NodeFile } from '../core/target.js';

/** What one node's containers are made from. */
export interface ContainerSpec {
  node: string;
  /** The container's name (recorded before it is created). */
  container: string;
  /** The network holder's container name (recorded before it is created). */
  holder: string;
  /** The holder image and its command. */
  holderImage: string;
  holderCommand: string[];
  /** Capabilities the holder gets (NET_ADMIN when fault rules go into its namespace); the node's container gets none. */
  holderCapAdd?: string[];
  image: string;
  command: string[];
  env?: Record<string, string>;
  cwd: string;
  address: string;
  network: string;
  runId: string;
  dataDir: string;
  files: NodeFile[];
  logFile: string;
  /** Where the holder has an anonymous volume the node's container mounts too (clock offset files, docker-clock.ts). */
  clockDir?: string;
  /**
   * Set for a sidecar's container (`NodeSpec.sidecars`): the name of the sidecar. It joins the
   * holder's namespace like the node's container but does not own the holder (its removal leaves it).
   */
  sidecar?: string;
  sysctls?: Record<string, string>;
}

/** A tar stream of `files` (relative paths under `cwd`) and the data directory, for putArchive. */
export function filesArchive(spec: Pick<ContainerSpec, 'dataDir' | 'files' | 'cwd'>): NodeJS.ReadableStream & { cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-files-'));
  mkdirSync(join(dir, spec.dataDir), { recursive: true });
  for (const f of spec.files) {
    const p = join(dir, isAbsolute(f.path) ? f.path : join(spec.cwd, f.path));
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.content, { mode: f.mode ?? 0o644 });
  }
  const tar = spawn('tar', ['-c', '--numeric-owner', '--owner=0', '--group=0', '-C', dir, '.'], { stdio: ['ignore', 'pipe', 'ignore'] });
  tar.on('close', () => rmSync(dir, { recursive: true, force: true }));
  return Object.assign(tar.stdout, { cleanup: () => rmSync(dir, { recursive: true, force: true }) });
}
