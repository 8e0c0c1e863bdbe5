/**
 * Keys, values and errors from a history reach the terminal escaped: an ESC sequence in a key is
 * printed as `\x1b[2J`, never obeyed. Through the real `check` and `analyze` commands, and the helper.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { escapeControl } from '../../src/cli/terminal-text.js';
import type { Op } from '../../src/core/op.js';
import { runOptionsSchema } from '../../src/runner/run-options.js';
import { runCliProcess } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-esc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CLEAR = '\u001b[2J';
const TITLE = '\u001b]0;pwned\u0007';
const jsonl = (ops: Op[]) => ops.map((o) => JSON.stringify(o)).join('\n') + '\n';
/** No control character but the line breaks (the test's output has no colour: FORCE_COLOR=0). */
const expectNoControl = (s: string) => expect(s.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);

describe('history text on the terminal', () => {
  it('escapes control characters, named ones by name, and leaves other text alone', () => {
    expect(escapeControl(`${CLEAR}k\té\n\u202e`)).toBe('\\x1b[2Jk\\té\\n\\u202e');
    expect(escapeControl('line 1\nline\u00072', { keepNewlines: true })).toBe('line 1\nline\\x072');
    expect(escapeControl('plain → text')).toBe('plain → text');
  });

  it('`check` prints a key holding an ESC sequence escaped', async () => {
    const file = join(dir, 'esc-key.jsonl');
    const key = `k${CLEAR}`;
    writeFileSync(file, jsonl([
      { index: 0, time: 0, process: 0, type: 'invoke', f: 'write', value: 1, key },
      { index: 1, time: 10, process: 0, type: 'ok', f: 'write', value: 1, key },
      { index: 2, time: 20, process: 1, type: 'invoke', f: 'read', value: null, key },
      { index: 3, time: 30, process: 1, type: 'ok', f: 'read', value: 2, key },
    ]));
    const r = await runCliProcess(['check', file, '--format', 'jsonl', '--model', 'cas-register']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('k\\x1b[2J: read() -> 2');
    expectNoControl(r.stdout);
    expectNoControl(r.stderr);
  });

  it('`analyze` prints an error string from the history escaped', async () => {
    const run = join(dir, 'run');
    mkdirSync(run);
    const options = runOptionsSchema.parse({ target: 'raft-kv', workload: 'register', nodes: 3, concurrency: 2, timeLimit: 1, seed: 1, rate: 0, opTimeout: 1 });
    writeFileSync(join(run, 'test.json'), JSON.stringify({ name: 'x', options, endedAt: '2026-01-01T00:00:00.000Z' }));
    const history = jsonl([
      { index: 0, time: 0, process: 0, type: 'invoke', f: 'write', value: 1, key: 'k' },
      { index: 1, time: 10, process: 0, type: 'fail', f: 'write', value: 1, key: 'k', error: `refused${TITLE}` },
      // One op that succeeded: a history with none is unknown (no-success.ts), and this test is about the text.
      { index: 2, time: 20, process: 0, type: 'invoke', f: 'write', value: 2, key: 'k' },
      { index: 3, time: 30, process: 0, type: 'ok', f: 'write', value: 2, key: 'k' },
    ]);
    writeFileSync(join(run, 'history.jsonl'), history);
    const r = await runCliProcess(['analyze', run]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^fail +1 refused\\x1b\]0;pwned\\x07$/m);
    expectNoControl(r.stdout);
  });

  it('an error message quoting the history escapes it too', async () => {
    const file = join(dir, 'esc-f.jsonl');
    writeFileSync(file, jsonl([{ index: 0, time: 0, process: 0, type: 'ok', f: `read${TITLE}`, value: 1, key: 'k' }]));
    const r = await runCliProcess(['check', file, '--format', 'jsonl', '--model', 'cas-register']);
    expect(r.code).toBe(254);
    expect(r.stderr.trim()).toMatch(/esc-f\.jsonl:1: expected an invoke before this ok read\\x1b\]0;pwned\\x07 of process 0/);
    expectNoControl(r.stderr);
  });
});
