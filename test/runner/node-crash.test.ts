/**
 * A node that exits on its own during a run is a finding: a real raft-kv node with the `crash-after`
 * fault switch exits with code 3 mid-run; the run records it in results.json with its exit code, time
 * and the last lines of its log, prints it in the summary and shows it in report.html (in chromium),
 * although the history stays valid. Nodes stopped by the teardown are not reported.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../src/runner/results.js';
import { launchChromium, openFile } from '../support/browser.js';
import { runCliProcess, type CliResult } from '../support/cli.js';
import { chromiumFacility, describeWith } from '../support/facility.js';
import { killAlive, recordedNodePids } from '../support/processes.js';

const tmp = mkdtempSync(join(tmpdir(), 'faultline-crash-'));
let run: CliResult;
let dir: string;

beforeAll(async () => {
  run = await runCliProcess(
    ['run', '--nemesis', 'none', '--time-limit', '8', '--seed', '4', '--no-progress', '--reports-dir', join(tmp, 'reports'),
      '--target-opt', 'crash-after=3', '--target-opt', 'crash-node=n2'],
    { timeoutMs: 90_000 },
  );
  dir = run.stdout.match(/stored in\s+(\S+)/)![1];
}, 100_000);
afterAll(() => {
  if (dir) killAlive(recordedNodePids(dir));
  rmSync(tmp, { recursive: true, force: true });
});

describe('a node that exits on its own', () => {
  it('is recorded in results.json and printed in the summary, though the history is valid', () => {
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as Results;
    expect(results.valid).toBe(true);
    expect(run.code, run.stderr).toBe(0);
    expect(results.nodeCrashes).toHaveLength(1); // n1 and n3, stopped by the teardown, are not crashes
    const [crash] = results.nodeCrashes!;
    expect(crash).toMatchObject({ node: 'n2', code: 3 });
    expect(crash.signal).toBeUndefined();
    expect(crash.time).toBeGreaterThan(0);
    expect(Date.parse(crash.at)).not.toBeNaN();
    expect(crash.logTail.length).toBeGreaterThan(1);
    expect(crash.logTail.length).toBeLessThanOrEqual(20);
    expect(crash.logTail.at(-1)).toContain('fault switch: exiting by itself');
    expect(run.stdout).toMatch(/^crashed +node n2 exited with code 3 on its own at \d+\.\d s; last lines of nodes\/n2\.log:$/m);
    expect(run.stdout).toContain('fault switch: exiting by itself after 3000 ms');
    expect(readFileSync(join(dir, 'harness.log'), 'utf8')).toMatch(/WARN node n2 exited with code 3 on its own/);
  });
});

describeWith([chromiumFacility], 'a node crash in report.html', () => {
  it('is shown in the findings section with its exit code and log tail', { timeout: 60_000 }, async () => {
    const browser = await launchChromium();
    try {
      const { page, errors } = await openFile(browser, join(dir, 'report.html'));
      await page.waitForSelector('#findings');
      expect(await page.textContent('#findings h2')).toBe('Findings: 1 node exited on its own');
      expect(await page.getAttribute('#findings .crash', 'data-node')).toBe('n2');
      expect(await page.textContent('#findings .crash p')).toMatch(/^Node n2 exited with code 3, not by a fault or the teardown, at \d/);
      expect(await page.textContent('#findings pre.log-tail')).toContain('fault switch: exiting by itself');
      expect(await page.getAttribute('#verdict', 'data-verdict')).toBe('valid');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
