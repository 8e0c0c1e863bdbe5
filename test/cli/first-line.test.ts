/**
 * The first thing `faultline run` prints comes before the cluster is started, and the rest follows the
 * run's phases — the real CLI (bin/faultline.js) in a child process, stdout a pipe (not a TTY), a
 * short raft-kv run. Checked by the order of lines and of the chunks they arrive in, not by time.
 * Notes (a default nemesis left out) go to stderr, never before the first line on stdout.
 * And the README's first command is the one that prints quickly (`npm start`, not a first `npx`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAULTLINE_COMMAND, packageRoot } from '../../src/core/paths.js';
import { useHarnessRun } from '../support/harness-run.js';

const run = useHarnessRun('faultline-first-line-');

describe('faultline run on a pipe', () => {
  it('prints its first line before the cluster starts, then one line per phase, then the summary', async () => {
    const { harness, exited } = run.start(['run', '--time-limit', '1', '--seed', '3', '--nemesis', 'kill']);
    const chunks: string[] = [];
    harness.stdout!.setEncoding('utf8').on('data', (c: string) => chunks.push(c));
    expect(await exited).toBe(0);
    run.recordNodePids();

    const lines = chunks.join('').split('\n');
    expect(lines[0]).toMatch(/^faultline run: raft-kv\/register, 3 nodes, 6 clients, 1 s, faults: kill, seed 3$/);
    const phases = lines.map((l) => /^(starting cluster|load|healing|settling|final reads|stopping cluster|checking)\b/.exec(l)?.[1]).filter(Boolean);
    expect(phases.filter((p, i) => p !== phases[i - 1])).toEqual(['starting cluster', 'load', 'healing', 'settling', 'final reads', 'stopping cluster', 'checking']);
    const loadAt = lines.findIndex((l) => l.startsWith('load'));
    expect(lines.findIndex((l) => l.startsWith('starting cluster'))).toBe(1);
    expect(loadAt).toBeGreaterThan(1);
    expect(lines.findIndex((l) => l.startsWith('verdict'))).toBeGreaterThan(loadAt);
    // The first line was flushed on its own, not held until the cluster was ready (the load began).
    expect(chunks[0]).toMatch(/^faultline run: /);
    expect(chunks[0]).not.toMatch(/^load/m);
  });
});

describe('notes on a default run', () => {
  it('go to stderr: stdout starts with the first line (power loss left out where its helper is missing)', async () => {
    const { harness, exited } = run.start(['run', '--time-limit', '1', '--seed', '3'], { env: { FAULTLINE_POWERLOSS_FS: '/nonexistent/powerloss-fs' } });
    let stdout = '';
    let stderr = '';
    harness.stdout!.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    harness.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const code = await exited;
    run.recordNodePids();
    expect(code, stdout + stderr).not.toBeNull();
    expect(stderr).toMatch(/^note: nemesis power-loss left out of the default: the power-loss helper \/nonexistent\/powerloss-fs is not built/m);
    expect(stdout.split('\n')[0]).toMatch(/^faultline run: raft-kv\/register, .*faults: partition,kill,pause,stale-leader, seed 3$/);
    expect(stdout).not.toMatch(/^note:/m);
  });
});

describe('the README', () => {
  it('starts with a command whose first output comes from faultline itself, not from a first npx', () => {
    const root = packageRoot();
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const first = /```sh\n(.*)\n```/.exec(readme)?.[1];
    expect(first).toBe('npm install && npm start');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe('node bin/faultline.js run');
    // The command faultline itself suggests (reproduce with, check's stored command) is the README's.
    expect(readme).toContain(`\n${FAULTLINE_COMMAND} run --`);
    expect(readme).not.toMatch(/^npx faultline/m);
  });
});
