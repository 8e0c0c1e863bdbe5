/**
 * The root filesystem of the network holder image, made from this host's files like a node image
 * (docker-rootfs.ts). A holder container per node owns the node's network namespace (the node's
 * container joins it), so the node's address, its firewall rules and their counters outlive a kill or
 * stop of the node, and a killed node's port refuses connections at once, as on a host whose process
 * died, instead of the address vanishing. It runs `sleep infinity`, and holds the tools the runtime
 * runs in it through the engine (`docker exec`, so the engine may be on another host): this host's
 * `iptables` and `iptables-restore` (the xtables multi-call binary under both names), their shared
 * libraries and the xtables extension modules they load (`-m statistic`, `-j REJECT`), and `sh`
 * and `mv`, with which a shell kept open in it replaces a node's clock offset file at once.
 */
import { createHash } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../core/errors.js';
import { findOnPath } from './host-program.js';
import { fingerprint, IMAGE_EXTRAS, LAYOUT, sharedLibraries, type Rootfs } from './docker-rootfs.js';

/** The holder's tools, by name: their paths in the image (iptables ones only when this host has iptables). */
export interface HolderTools {
  sh: string;
  mv: string;
  iptables?: string;
  'iptables-restore'?: string;
}

/** The holder image's rootfs and where its tools are in it. */
export interface HolderRootfs extends Rootfs {
  tools: HolderTools;
}

/** The directory of the xtables extension modules `libs` (iptables' libraries) load, or undefined. */
function xtablesDir(libs: readonly string[]): string | undefined {
  const own = process.env.XTABLES_LIBDIR;
  if (own && existsSync(own)) return own;
  const lib = libs.find((l) => /\/libxtables\.so/.test(l));
  if (!lib) return undefined;
  const dir = join(dirname(realpathSync(lib)), 'xtables');
  return existsSync(dir) ? dir : undefined;
}

/** A host binary by name, its absolute path and its shared libraries; undefined when it is not here. */
function tool(name: string): { path: string; libs: string[] } | undefined {
  const bin = findOnPath(name);
  if (!bin) return undefined;
  const path = resolve(bin);
  return { path, libs: sharedLibraries(realpathSync(path)) };
}

/** The holder image's rootfs from this host; throws a UserError when coreutils are missing. */
export function holderRootfs(): HolderRootfs {
  const sleep = tool('sleep');
  const mv = tool('mv');
  const sh = tool('sh');
  if (!sleep || !mv || !sh) throw new UserError('the docker runtime needs sleep, mv and sh on this host for its network holder image (apt-get install coreutils dash)');
  const paths = [sleep.path, ...sleep.libs, mv.path, ...mv.libs, sh.path, ...sh.libs];
  const tools: HolderTools = { sh: sh.path, mv: mv.path };
  const iptables = tool('iptables');
  const restore = tool('iptables-restore');
  if (iptables && restore) {
    const modules = xtablesDir(iptables.libs);
    paths.push(iptables.path, restore.path, ...iptables.libs, ...restore.libs, ...(modules ? [modules] : []));
    tools.iptables = iptables.path;
    tools['iptables-restore'] = restore.path;
  }
  const unique = [...new Set(paths)];
  const command = [sleep.path, 'infinity'];
  const h = createHash('sha256').update(LAYOUT).update(JSON.stringify(IMAGE_EXTRAS)).update(command.join('\0')).update(JSON.stringify(tools));
  for (const p of unique) fingerprint(p, h);
  return { paths: unique, command, tools, hash: h.digest('hex').slice(0, 16) };
}

/** Where the holder image has tool `name` (the commands iptables-faults.ts runs); throws when it has none. */
export function holderTool(tools: HolderTools, name: string): string {
  const path = (tools as unknown as Record<string, string | undefined>)[name];
  if (!path) throw new Error(`the network holder image has no ${name}`);
  return path;
}
