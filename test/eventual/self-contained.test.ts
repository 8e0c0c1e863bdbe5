/**
 * The engine in src/eventual imports nothing from the rest of faultline (nor any package), so it could
 * be published on its own, as src/porcupine and src/elle could.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ENGINE = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/eventual');

describe('src/eventual', () => {
  it('imports only its own modules', () => {
    const outside: string[] = [];
    const files = readdirSync(ENGINE).filter((n) => n.endsWith('.ts'));
    for (const name of files) {
      const file = join(ENGINE, name);
      for (const [, a, b] of readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*from\s+'([^']+)'|import\s*\(?\s*'([^']+)'/g)) {
        const spec = (a ?? b)!;
        if (!spec.startsWith('.') || relative(ENGINE, resolve(dirname(file), spec)).startsWith('..')) outside.push(`${name}: ${spec}`);
      }
    }
    expect(files.length).toBeGreaterThan(8);
    expect(outside).toEqual([]);
  });
});
