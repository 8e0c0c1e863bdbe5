import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { checkFile, describeOutcome, registerCheckCommand } from '../../src/cli/check.js';
import { UserError } from '../../src/core/errors.js';
import { PORCUPINE_DATA } from '../support/porcupine-data.js';

const etcd = (n: string) => join(PORCUPINE_DATA, 'jepsen', `etcd_${n}.log`);

describe('faultline check', () => {
  it('exits 0 for a linearizable log and 1 for a non-linearizable one', async () => {
    expect((await checkFile(etcd('002'), { format: 'porcupine-log', model: 'cas-register' })).exitCode).toBe(0);
    const bad = await checkFile(etcd('000'), { format: 'porcupine-log', model: 'cas-register' });
    expect(bad.exitCode).toBe(1);
    expect(describeOutcome('etcd_000.log', bad)[0]).toMatch(/NOT linearizable/);
  });

  it('prints a checker crash as one line: its message, not its stack', async () => {
    const ok = await checkFile(etcd('002'), { format: 'porcupine-log', model: 'cas-register' });
    const crashed = { ...ok, result: { valid: 'unknown' as const, error: 'checker crashed: TypeError: boom\n    at f (/x/y.js:1:2)\n    at g (/x/y.js:3:4)' } };
    const lines = describeOutcome('etcd_002.log', crashed);
    expect(lines[0]).toMatch(/: checker crashed: TypeError: boom$/);
    expect(lines.join('\n')).not.toMatch(/at f|\\n/);
  });

  it('refuses the empty etcd_095.log: nothing to check is bad input, not "linearizable"', async () => {
    const r = checkFile(etcd('095'), { format: 'porcupine-log', model: 'cas-register' });
    await expect(r).rejects.toThrow(UserError);
    await expect(r).rejects.toThrow(`${etcd('095')}: the file is empty: nothing to check`);
  });

  it('writes results.json and history.jsonl with --report', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'faultline-check-')), 'out');
    await checkFile(join(PORCUPINE_DATA, 'kv/c01-bad.txt'), { format: 'porcupine-kv', model: 'kv', report: dir });
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(results.valid).toBe(false);
    expect(results.anomalies[0].detail.partialLinearizations.length).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'history.jsonl'), 'utf8').trim().split('\n')).toHaveLength(76);
    // The command that repeats it, in the README's form (not a slow first npx).
    const test = JSON.parse(readFileSync(join(dir, 'test.json'), 'utf8'));
    expect(test.command).toMatch(/^node bin\/faultline\.js check \S+c01-bad\.txt --format porcupine-kv --checker linearizable --model kv /);
  });

  it('rejects bad options and bad files with a UserError', async () => {
    await expect(checkFile(etcd('000'), { format: 'csv', model: 'kv' })).rejects.toThrow(/option --format/);
    await expect(checkFile(etcd('000'), { format: 'jsonl', model: 'kv', timeout: '-1' })).rejects.toThrow(/option --timeout/);
    const file = join(mkdtempSync(join(tmpdir(), 'faultline-check-')), 'bad.log');
    writeFileSync(file, 'INFO  jepsen.util - 0\t:ok\t:read\t1\n');
    await expect(checkFile(file, { format: 'porcupine-log', model: 'register' })).rejects.toThrow(UserError);
    await expect(checkFile(file, { format: 'porcupine-log', model: 'register' })).rejects.toThrow(`${file}:1: expected an invoke`);
  });

  it('registers a check command with its options', () => {
    const program = new Command('faultline');
    registerCheckCommand(program);
    const cmd = program.commands.find((c) => c.name() === 'check')!;
    expect(cmd.options.map((o) => o.long)).toEqual(['--format', '--checker', '--model', '--checker-opt', '--timeout', '--explain-timeout', '--report']);
  });
});
