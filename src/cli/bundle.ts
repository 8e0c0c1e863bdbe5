/**
 * Bundles the compiled CLI (dist/src/cli/main.js and everything it imports from the project) into
 * dist/cli-bundle/ with esbuild, one file per lazily loaded command (`--splitting`), packages left
 * to node_modules. `faultline check` starts from it (bin/cli-entry.js): loading ~80 project modules
 * one by one cost `check` about 30 ms of its start-up, measured on Porcupine's etcd logs, where the
 * whole check is ~250 ms. The build runs it after tsc (`npm run build`, `prepare`, `pretest`):
 *
 *   node dist/src/cli/bundle.js
 *
 * Without esbuild (a production install without dev dependencies) it says so and builds nothing; the
 * CLI then runs from dist/ as before.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../core/paths.js';

/**
 * Where the bundle goes, under the package root. bin/cli-entry.js (plain JavaScript, which must not
 * load dist/ to decide what to load) spells the same path; test/cli/cli-entry.test.ts ties the two.
 */
const BUNDLE_DIR = join('dist', 'cli-bundle');

/** Builds the bundle; returns false (having said why) when esbuild is not installed. */
export async function bundleCli(root = packageRoot()): Promise<boolean> {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch {
    process.stderr.write('faultline bundle: esbuild is not installed; the CLI runs from dist/ unbundled\n');
    return false;
  }
  const outdir = join(root, BUNDLE_DIR);
  rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [join(root, 'dist', 'src', 'cli', 'main.js')],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await bundleCli();
