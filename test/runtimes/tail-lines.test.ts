/** The tail of a node's log, as crash findings carry it: read from the end, whatever the log's size. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tailLines, tailLog } from '../../src/runtimes/node-process.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-tail-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tailLines', () => {
  it('gives the last n whole lines of a log larger than what it reads', () => {
    const file = join(dir, 'big.log');
    const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i} ${'x'.repeat(i % 50)}`);
    writeFileSync(file, lines.join('\n') + '\n');
    expect(tailLines(file, 20)).toEqual(lines.slice(-20));
    // Fewer lines in the 64 kB it reads than asked for: only whole ones, never a cut first line.
    const got = tailLines(file, 100_000);
    expect(got.length).toBeLessThan(lines.length);
    expect(got).toEqual(lines.slice(-got.length));
  });

  it('gives nothing for an empty or missing log', () => {
    writeFileSync(join(dir, 'empty.log'), '');
    expect(tailLines(join(dir, 'empty.log'), 5)).toEqual([]);
    expect(tailLines(join(dir, 'missing.log'), 5)).toEqual([]);
    expect(tailLog(join(dir, 'missing.log'))).toBe('(no log)');
  });
});
