/**
 * Uploading a `node-script` program (raft-kv's server) to the ssh runtime's hosts: exactly the files
 * it needs — its compiled module and every module it imports, followed from dist/, the packages it
 * imports from node_modules (whole, with their own dependencies), and package.json (which makes the
 * compiled files ES modules) — as a tar stream over ssh into `<work-dir>/programs/<hash>`, named by
 * a hash of the files' paths and contents. A second run with the same build finds it there and
 * uploads nothing; a run after a rebuild gets a directory of its own. The directory appears whole or
 * not at all (unpacked beside it, then renamed), so hosts that share a file system, or two runs at
 * once, never see half of it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { execa } from 'execa';
import { compiledPath, packageRoot } from '../core/paths.js';
import type { SshHost } from './ssh-conn.js';
import { shellQuote } from './ssh-quote.js';

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;

/** The package a bare specifier names (`pure-rand/x` → `pure-rand`, `@a/b/c` → `@a/b`). */
function packageOf(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Every file below `dir`, relative to `root`. */
function walk(root: string, dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(root, join(dir, e.name)) : [relative(root, join(dir, e.name))]));
}

/** The files (relative to the package root) that the compiled `script` needs to run. */
export function programFiles(script: string): string[] {
  const root = packageRoot();
  const files = new Set<string>(['package.json']);
  const packages = new Set<string>();
  const todo = [compiledPath(script)];
  while (todo.length) {
    const file = todo.pop()!;
    const rel = relative(root, file);
    if (files.has(rel) || !existsSync(file)) continue;
    files.add(rel);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (spec!.startsWith('.')) todo.push(resolve(dirname(file), spec!));
      else if (!spec!.startsWith('node:') && !builtinModules.includes(packageOf(spec!))) packages.add(packageOf(spec!));
    }
  }
  for (const pkg of packages) {
    const dir = join(root, 'node_modules', pkg);
    if (!existsSync(dir)) continue;
    const deps = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {};
    for (const d of Object.keys(deps)) packages.add(d);
    for (const f of walk(root, dir)) files.add(f);
  }
  return [...files].sort();
}

/** A short hash of the files' paths and contents: the program's cache key. */
export function programHash(files: readonly string[]): string {
  const root = packageRoot();
  const h = createHash('sha256');
  for (const f of files) {
    h.update(`${f}\0${statSync(join(root, f)).size}\0`);
    h.update(readFileSync(join(root, f)));
  }
  return h.digest('hex').slice(0, 16);
}

/** The program directory on the hosts for `script` under `workDir`, with the files that go in it. */
export function programLayout(script: string, workDir: string): { dir: string; files: string[] } {
  const files = programFiles(script);
  return { dir: `${workDir}/programs/${programHash(files)}`, files };
}

/** Puts the program's files into `dir` on `host` unless they are there already; resolves true when it uploaded. */
export async function uploadProgram(host: SshHost, layout: { dir: string; files: readonly string[] }): Promise<boolean> {
  const done = shellQuote(`${layout.dir}/.complete`);
  if ((await host.try(`test -e ${done}`)).code === 0) return false;
  const tmp = shellQuote(`${layout.dir}.tmp.${process.pid}.${Date.now()}`);
  const unpack = `mkdir -p ${tmp} && tar -xf - -C ${tmp} && touch ${tmp}/.complete && { mv -T ${tmp} ${shellQuote(layout.dir)} 2>/dev/null || { test -e ${done} && rm -rf ${tmp}; }; }`;
  await host.pipeFrom(execa('tar', ['-C', packageRoot(), '-cf', '-', '--', ...layout.files], { stdin: 'ignore', buffer: false }), unpack);
  return true;
}
