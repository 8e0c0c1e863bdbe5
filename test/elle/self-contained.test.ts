/**
 * The engine in src/elle imports nothing from the rest of faultline (nor any package), so it could be
 * published on its own, as src/porcupine could.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ELLE = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/elle');

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (name.endsWith('.ts')) yield path;
  }
}

describe('src/elle', () => {
  it('imports only its own modules', () => {
    const outside: string[] = [];
    let files = 0;
    for (const file of sources(ELLE)) {
      files++;
      const text = readFileSync(file, 'utf8');
      for (const [, a, b] of text.matchAll(/(?:import|export)[^'"]*from\s+'([^']+)'|import\s*\(?\s*'([^']+)'/g)) {
        const spec = a ?? b;
        const target = resolve(dirname(file), spec);
        if (!spec.startsWith('.') || relative(ELLE, target).startsWith('..')) outside.push(`${relative(ELLE, file)}: ${spec}`);
      }
    }
    expect(files).toBeGreaterThan(20);
    expect(outside).toEqual([]);
  });
});
