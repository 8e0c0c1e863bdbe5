#!/usr/bin/env node
// Entry point of the `faultline` command: loads the compiled CLI from dist/.
// `npm install` builds dist/ (the package's `prepare` script); if it is missing, say how to build it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));
if (!existsSync(main)) {
  process.stderr.write('faultline: the compiled CLI is missing (dist/src/cli/main.js); run `npm install` or `npm run build` first\n');
  process.exit(254);
}
const { runCli } = await import(main);
process.exitCode = await runCli(process.argv);
