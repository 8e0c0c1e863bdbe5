#!/usr/bin/env node
// Entry point of the `faultline` command: loads the compiled CLI from dist/.
// `npm install` builds dist/ (the package's `prepare` script); if it is missing, say how to build it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cliEntry } from './cli-entry.js';

const main = cliEntry(fileURLToPath(new URL('..', import.meta.url)), process.argv);
if (!existsSync(main)) {
  process.stderr.write('faultline: the compiled CLI is missing (dist/src/cli/main.js); run `npm install` or `npm run build` first\n');
  process.exit(254);
}
const { runCli } = await import(main);
const code = await runCli(process.argv);
// Exit explicitly once the command is done, after stdout and stderr are flushed. Left to end by
// itself, Node closes every handle first, and under load it was seen to spin at 100% CPU for minutes
// in that cleanup (Environment::CleanupHandles) over fetch's idle keep-alive sockets to nodes that
// had been stopped.
const flushed = (stream) => new Promise((resolve) => stream.write('', resolve));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
