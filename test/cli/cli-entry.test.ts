/**
 * `faultline check` starts from the bundle (dist/cli-bundle/, src/cli/bundle.ts) and behaves exactly
 * as the CLI compiled to dist/ does; every other command, a bundle older than dist/ (a tsc run
 * without the bundle step) and FAULTLINE_NO_BUNDLE take dist/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript beside the entry point, without declarations
import { cliEntry } from '../../bin/cli-entry.js';
import { packageRoot } from '../../src/core/paths.js';
import { runCliProcess } from '../support/cli.js';

const entry = cliEntry as (root: string, argv: string[], env?: Record<string, string | undefined>) => string;
const ROOT = packageRoot();
const FIXTURES = join(ROOT, 'test', 'fixtures', 'porcupine');

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A fake package with dist/ and a bundle, the bundle `bundleAge` seconds newer (negative: older). */
function fakePackage(bundleAge: number): string {
  dir = mkdtempSync(join(tmpdir(), 'faultline-cli-entry-'));
  mkdirSync(join(dir, 'dist', 'src', 'cli'), { recursive: true });
  mkdirSync(join(dir, 'dist', 'cli-bundle'), { recursive: true });
  const dist = join(dir, 'dist', 'src', 'cli', 'main.js');
  const bundle = join(dir, 'dist', 'cli-bundle', 'main.js');
  writeFileSync(dist, '');
  writeFileSync(bundle, '');
  const t = Date.now() / 1000 - 100;
  utimesSync(dist, t, t);
  utimesSync(bundle, t + bundleAge, t + bundleAge);
  return dir;
}

describe('the CLI entry point', () => {
  it('check takes the bundle only when it is at least as new as dist/, and never with FAULTLINE_NO_BUNDLE', () => {
    const fresh = fakePackage(5);
    expect(entry(fresh, ['node', 'faultline', 'check', 'f'], {})).toBe(join(fresh, 'dist', 'cli-bundle', 'main.js'));
    expect(entry(fresh, ['node', 'faultline', 'check', 'f'], { FAULTLINE_NO_BUNDLE: '1' })).toBe(join(fresh, 'dist', 'src', 'cli', 'main.js'));
    expect(entry(fresh, ['node', 'faultline', 'run'], {})).toBe(join(fresh, 'dist', 'src', 'cli', 'main.js'));
    rmSync(fresh, { recursive: true, force: true });
    const stale = fakePackage(-5);
    expect(entry(stale, ['node', 'faultline', 'check', 'f'], {})).toBe(join(stale, 'dist', 'src', 'cli', 'main.js'));
    rmSync(join(stale, 'dist', 'cli-bundle'), { recursive: true });
    expect(entry(stale, ['node', 'faultline', 'check', 'f'], {})).toBe(join(stale, 'dist', 'src', 'cli', 'main.js'));
  });

  it('the build made the bundle, and check gives the same output and exit code from it as from dist/', async () => {
    expect(existsSync(join(ROOT, 'dist', 'cli-bundle', 'main.js')), 'npm test builds the bundle first (pretest)').toBe(true);
    expect(entry(ROOT, ['node', 'faultline', 'check', 'f'])).toBe(join(ROOT, 'dist', 'cli-bundle', 'main.js'));
    dir = mkdtempSync(join(tmpdir(), 'faultline-cli-entry-'));
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"type":"invoke","f":"read","process":0}\n{"type":"OK","f":"read","process":0}\n');
    const cases = [
      [join(FIXTURES, 'jepsen', 'etcd_000.log')], // not linearizable: exit 1, with its explanation
      [join(FIXTURES, 'kv', 'c01-ok.txt'), '--model', 'kv'], // linearizable: exit 0
      [bad], // bad input: exit 254, file:line
      [join(FIXTURES, 'kv', 'c10-bad.txt'), '--report', join(dir, 'report')], // the report writer, loaded lazily
    ];
    const codes: (number | null)[] = [];
    for (const args of cases) {
      const bundled = await runCliProcess(['check', ...args]);
      const plain = await runCliProcess(['check', ...args], { env: { FAULTLINE_NO_BUNDLE: '1' } });
      expect(bundled, args.join(' ')).toEqual(plain);
      codes.push(bundled.code);
    }
    expect(codes).toEqual([1, 0, 254, 1]);
    expect(existsSync(join(dir, 'report', 'report.html'))).toBe(true);
  });
});
