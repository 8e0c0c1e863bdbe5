/**
 * A config-file target with `client: {type: etcd}`: the etcd example's node description with
 * faultline's own etcd client instead of the Python process, on a real 3-node etcd.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { readHistory } from '../../../src/core/history-reader.js';
import { packageRoot } from '../../../src/core/paths.js';
import { runTest } from '../../../src/runner/run.js';
import { runOptionsSchema } from '../../../src/runner/run-options.js';
import { describeWith, etcdFacility } from '../../support/facility.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-etcd-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = { out: { write: () => true } as unknown as NodeJS.WritableStream, progress: false };

describeWith([etcdFacility], 'a config target with the etcd client', () => {
  it('starts etcd from the file and drives it with faultline\'s etcd client: valid, ops ok', async () => {
    const example = readFileSync(join(packageRoot(), 'examples/etcd-python/target.yaml'), 'utf8');
    const text = example.replace('name: etcd-python', 'name: etcd-file').replace(/^client:[\s\S]*$/m, 'client:\n  type: etcd\n  ops: [read, write, cas]\n');
    writeFileSync(join(dir, 'etcd.yaml'), text);
    const o = runOptionsSchema.parse({
      target: join(dir, 'etcd.yaml'), workload: 'register', nodes: 3, concurrency: 3, timeLimit: 3, seed: 4, rate: 0, opTimeout: 5, reportsDir: join(dir, 'reports'),
    });
    const { dir: runDir, results, failure } = await runTest(o, quiet);
    expect(failure).toBeUndefined();
    expect(results.valid).toBe(true);
    const ok = (await readHistory(join(runDir, 'history.jsonl'))).filter((op) => op.type === 'ok' && op.process !== 'nemesis');
    expect(ok.length).toBeGreaterThan(10);
    expect(JSON.parse(readFileSync(join(runDir, 'test.json'), 'utf8')).targetDescription).toMatch(/client etcd\)$/);
  });
});
