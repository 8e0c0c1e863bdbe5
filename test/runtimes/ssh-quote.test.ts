/**
 * The ssh runtime's one quoting helper: hostile values (spaces, quotes, `$()`, backquotes, `;`, globs,
 * newlines, a leading dash) reach a real POSIX shell as exactly the words they were, and a command built
 * from them runs nothing else.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { envCommand, shellCommand, shellQuote } from '../../src/runtimes/ssh-quote.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-quote-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const canary = join(dir, 'pwned');

/** The words `sh` sees when it runs `printf '%s\0'` followed by `text`. */
const words = (text: string) => execFileSync('sh', ['-c', `printf '%s\\0' ${text}`], { encoding: 'utf8', cwd: dir }).split('\0').slice(0, -1);

const hostile = [
  'plain',
  'two words',
  "it's",
  '"double" quotes',
  `$(touch ${canary})`,
  `\`touch ${canary}\``,
  `; touch ${canary}`,
  `&& touch ${canary} ||`,
  `| touch ${canary}`,
  '$HOME ${PATH}',
  '*',
  '-rf',
  "'",
  "''",
  '\\',
  'line\nbreak',
  '',
  `'; touch ${canary}; echo '`,
];

describe('shellQuote', () => {
  it('keeps every hostile value one literal word, and runs none of it', () => {
    for (const v of hostile) expect(words(shellQuote(v))).toEqual([v]);
    expect(words(shellCommand(hostile))).toEqual(hostile);
    expect(existsSync(canary)).toBe(false);
  });

  it('holds for any string of shell metacharacters', () => {
    const unit = fc.constantFrom("'", '"', '$', '(', ')', '`', ';', ' ', '\t', '\\', '\n', '*', '?', '[', 'a', '-', '&', '|', '<', '>', '{', '}', '~', '#', '!', '=', 'é', '💥');
    fc.assert(
      fc.property(fc.array(fc.string({ unit }), { minLength: 1, maxLength: 5 }), (argv) => {
        expect(words(shellCommand(argv))).toEqual(argv);
      }),
      { numRuns: 60 },
    );
    expect(existsSync(canary)).toBe(false);
  });

  it('refuses a NUL byte, and env names that are not identifiers', () => {
    expect(() => shellQuote('a\0b')).toThrow(/NUL/);
    expect(() => envCommand({ 'A;touch x': '1' }, ['true'])).toThrow(/environment variable name/);
  });

  it('passes env values literally', () => {
    const out = execFileSync('sh', ['-c', envCommand({ V: `$(touch ${canary}) 'x' ;` }, ['sh', '-c', 'printf %s "$V"'])], { encoding: 'utf8' });
    expect(out).toBe(`$(touch ${canary}) 'x' ;`);
    expect(existsSync(canary)).toBe(false);
  });
});
