// Which compiled CLI `bin/faultline.js` loads. `check` starts from the bundle (dist/cli-bundle/, built
// by src/cli/bundle.ts after tsc) when it is at least as new as dist/: a tsc run without the bundle
// step leaves it older, and then, as for every other command, the CLI runs from dist/src/cli/main.js.
// FAULTLINE_NO_BUNDLE=1 always takes dist/.
import { statSync } from 'node:fs';
import { join } from 'node:path';

/** The module to load for `argv` (as process.argv), from the package root `root`. */
export function cliEntry(root, argv, env = process.env) {
  const dist = join(root, 'dist', 'src', 'cli', 'main.js');
  if (argv[2] !== 'check' || env.FAULTLINE_NO_BUNDLE) return dist;
  const bundle = join(root, 'dist', 'cli-bundle', 'main.js');
  try {
    return statSync(bundle).mtimeMs >= statSync(dist).mtimeMs ? bundle : dist;
  } catch {
    return dist;
  }
}
