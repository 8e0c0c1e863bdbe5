/** Locates the Porcupine test data vendored in test/fixtures/porcupine (MIT, see the licence there). */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** test/fixtures/porcupine, resolved from this file (test/support → test/fixtures). */
export const PORCUPINE_DATA = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/porcupine');

/** The etcd logs with their expected verdicts (`true` linearizable), from EXPECTED.txt. */
export function etcdExpectations(): { file: string; path: string; linearizable: boolean }[] {
  const text = readFileSync(join(PORCUPINE_DATA, 'jepsen/EXPECTED.txt'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [file, verdict] = l.trim().split(/\s+/);
      return { file, path: join(PORCUPINE_DATA, 'jepsen', file), linearizable: verdict === 'linearizable' };
    });
}

/** The kv histories; the verdict is in the name. */
export const KV_FILES = ['c01-ok', 'c01-bad', 'c10-ok', 'c10-bad', 'c50-ok', 'c50-bad'].map((name) => ({
  file: `${name}.txt`,
  path: join(PORCUPINE_DATA, 'kv', `${name}.txt`),
  linearizable: name.endsWith('-ok'),
}));
