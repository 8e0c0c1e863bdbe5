/**
 * The root filesystem of a node image, made on this host from the target's `Program` (no registry,
 * no base image): the program's executable and every shared library `ldd` reports, at the same paths
 * as here; for a `node-script`, the node binary and its libraries plus the package's compiled files
 * (package.json, dist/) and the packages under node_modules that the script imports, followed from
 * its import statements (raft-kv's server imports zod). Besides: `/tmp` (1777), `/run`, `/data`,
 * `/etc/passwd`. The image is tagged by a hash of every file's path, size, mode and modification
 * time, so a second run with the same program reuses it.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../core/errors.js';
import { compiledPath, packageRoot } from '../core/paths.js';
import type { Program } from '../core/target.js';
import { findOnPath } from './host-program.js';

/** Bump when the layout below changes, so old images are not reused. */
export const LAYOUT = 'faultline-rootfs-1';

/** Files of the image besides the host's: path in the image → content (directories end with `/`). */
export const IMAGE_EXTRAS: Readonly<Record<string, string>> = {
  'etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n',
  'etc/group': 'root:x:0:\n',
  'etc/nsswitch.conf': 'hosts: files dns\n',
  'tmp/': '',
  'run/': '',
  'data/': '',
  'root/': '',
};

/** What goes into a node image: host paths (files or directories, copied to the same path) and the command. */
export interface Rootfs {
  /** Absolute host paths, each copied with its contents to the same path in the image. */
  paths: string[];
  /** The program's command line prefix in the image. */
  command: string[];
  /** Content hash (hex). */
  hash: string;
}

/** The shared libraries `ldd` reports for `binary` (none for a static binary). */
export function sharedLibraries(binary: string): string[] {
  let out: string;
  try {
    out = execFileSync('ldd', [binary], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch {
    return []; // "not a dynamic executable"
  }
  return [...out.matchAll(/(\/\S+) \(0x[0-9a-f]+\)/g)].map((m) => m[1]!);
}

/** The package directory of `name` as Node resolves it from `fromDir`, or undefined. */
function packageDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const p = join(dir, 'node_modules', name);
    if (existsSync(join(p, 'package.json'))) return p;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The node_modules package directories `script` needs at run time: its bare imports, followed through relative ones, and their dependencies. */
export function scriptPackages(script: string): string[] {
  const files = [script];
  const seen = new Set(files);
  const pkgs = new Set<string>();
  const addPackage = (name: string, from: string) => {
    const dir = packageDir(name, from);
    if (!dir || pkgs.has(dir)) return;
    pkgs.add(dir);
    const deps = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {};
    for (const d of Object.keys(deps)) addPackage(d, dir);
  };
  while (files.length > 0) {
    const f = files.pop()!;
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)) {
      const spec = m[1]!;
      if (spec.startsWith('node:')) continue;
      if (spec.startsWith('.')) {
        const next = resolve(dirname(f), spec);
        if (!seen.has(next) && existsSync(next)) {
          seen.add(next);
          files.push(next);
        }
        continue;
      }
      const parts = spec.split('/');
      addPackage(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!, dirname(f));
    }
  }
  return [...pkgs].sort();
}

/** Every file below `p` (or `p` itself) with its size, mode and mtime, for the content hash. */
export function fingerprint(p: string, h: ReturnType<typeof createHash>): void {
  const st = statSync(p);
  if (st.isDirectory()) {
    for (const n of readdirSync(p).sort()) fingerprint(join(p, n), h);
    return;
  }
  h.update(`${p}\0${st.size}\0${st.mode}\0${st.mtimeMs}\n`);
}

/** The rootfs for `program` on this host; throws a UserError when it is not here. */
export function rootfsFor(program: Program): Rootfs {
  let paths: string[];
  let command: string[];
  if (program.kind === 'binary') {
    const bin = findOnPath(program.name);
    if (!bin) throw new UserError(`${program.name} is not on this host, so the docker runtime cannot build its image; install ${program.debianPackage} or give --runtime-opt image=NAME`);
    const abs = resolve(bin);
    paths = [abs, ...sharedLibraries(realpathSync(abs))];
    command = [abs];
  } else {
    const script = compiledPath(program.script);
    const node = process.execPath;
    paths = [node, ...sharedLibraries(node), join(packageRoot(), 'package.json'), join(packageRoot(), 'dist'), ...scriptPackages(script)];
    command = [node, script];
  }
  const h = createHash('sha256').update(LAYOUT).update(JSON.stringify(IMAGE_EXTRAS)).update(command.join('\0'));
  for (const p of paths) fingerprint(p, h);
  return { paths, command, hash: h.digest('hex').slice(0, 16) };
}
