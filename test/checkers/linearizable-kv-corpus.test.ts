import { describe, expect, it } from 'vitest';
import { linearizableChecker } from '../../src/checkers/linearizable.js';
import { importPorcupineKv } from '../../src/importers/porcupine-kv.js';
import { KV_FILES } from '../support/porcupine-data.js';

const test = { name: 'kv', workload: 'kv', target: 'porcupine', concurrency: 50, seed: 0 };
const checker = linearizableChecker({ model: 'kv', timeoutMs: 30_000 });

describe('Porcupine kv histories, kv model partitioned by key', () => {
  for (const c of KV_FILES) {
    it(`${c.file} is ${c.linearizable ? '' : 'not '}linearizable`, async () => {
      const result = await checker.check(test, await importPorcupineKv(c.path), {});
      expect(result.valid).toBe(c.linearizable);
      if (!c.linearizable) {
        const a = result.anomalies![0];
        expect(a.kind).toBe('nonlinearizable');
        expect(a.key).toEqual(expect.any(String));
        expect(a.explanation).toMatch(/^Key ".*" is not linearizable under the kv model/);
      }
    });
  }
});
