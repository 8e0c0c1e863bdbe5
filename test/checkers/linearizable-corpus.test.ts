import { describe, expect, it } from 'vitest';
import { linearizableChecker } from '../../src/checkers/linearizable.js';
import type { TestInfo } from '../../src/core/checker.js';
import { importPorcupineLog } from '../../src/importers/porcupine-log.js';
import { etcdExpectations } from '../support/porcupine-data.js';

const test: TestInfo = { name: 'etcd', workload: 'register', target: 'etcd', concurrency: 5, seed: 0 };
const checker = linearizableChecker({ model: 'cas-register', timeoutMs: 30_000 });

describe('Porcupine etcd logs, cas-register model', () => {
  const cases = etcdExpectations();
  it('has the 102 expected verdicts', () => {
    expect(cases).toHaveLength(102);
  });
  for (const c of cases) {
    it(`${c.file} is ${c.linearizable ? '' : 'not '}linearizable`, async () => {
      const history = await importPorcupineLog(c.path);
      const result = await checker.check(test, history, {});
      expect(result.valid).toBe(c.linearizable);
      if (!c.linearizable) expect(result.anomalies?.[0]?.kind).toBe('nonlinearizable');
    });
  }
});
