/**
 * The repository stands alone: a user's clone has nothing beside it, so no source, test, benchmark or
 * CI file may name a path outside the repository, and the data the tests read is vendored inside it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { etcdExpectations, KV_FILES, PORCUPINE_DATA } from './support/porcupine-data.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCANNED = ['src', 'test', 'bench', '.ci', 'targets', 'nemeses', 'workloads', 'bin'];

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures') continue;
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

describe('the repository stands alone', () => {
  it('names no sibling directory of the checkout in code, tests, benchmarks or CI', () => {
    const offenders: string[] = [];
    // Built from parts so this file does not name what it looks for.
    const patterns = [['..', 'shared'].join('/'), ['shared', 'data'].join('/')];
    for (const top of SCANNED) {
      for (const file of files(join(ROOT, top))) {
        const text = readFileSync(file, 'utf8');
        for (const p of patterns) if (text.includes(p)) offenders.push(`${relative(ROOT, file)}: ${p}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps the Porcupine corpus inside the repository, with its licence', () => {
    expect(relative(ROOT, PORCUPINE_DATA).startsWith('..')).toBe(false);
    expect(readFileSync(join(PORCUPINE_DATA, 'LICENSE-porcupine.md'), 'utf8')).toMatch(/MIT License/);
    const etcd = etcdExpectations();
    expect(etcd.length).toBe(102);
    for (const f of [...etcd, ...KV_FILES]) expect(statSync(f.path).size).toBeGreaterThan(0);
  });

  it('has a package-lock.json that matches package.json (npm install on a clean clone would rewrite it otherwise)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
    expect([lock.name, lock.version]).toEqual([pkg.name, pkg.version]);
    const root = lock.packages[''];
    for (const field of ['name', 'version', 'license', 'bin', 'engines', 'dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
      expect(root[field], `package-lock.json packages[""].${field}`).toEqual(pkg[field]);
    }
    // Every direct dependency is locked at a version.
    const direct = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.optionalDependencies });
    expect(direct.filter((name) => !lock.packages[`node_modules/${name}`]?.version)).toEqual([]);
  });

  it.skipIf(!existsSync(join(ROOT, '.git')))('tracks every fixture in git: none is left behind by .gitignore (a clone would lack it)', () => {
    const ignored = execFileSync('git', ['ls-files', '--others', '--ignored', '--exclude-standard', '--', 'test/fixtures'], { cwd: ROOT, encoding: 'utf8' });
    expect(ignored.split('\n').filter(Boolean)).toEqual([]);
  });
});
