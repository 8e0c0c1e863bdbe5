/**
 * `faultline check` loads only what checking a file needs: the modules its entry points import
 * statically (what Node loads before the command runs) hold no checker implementation, engine,
 * report writer, runtime, nemesis, target or workload. Those are imported on use (`await import()`):
 * the checker that runs, the report writer with `--report`, the nemeses when the history has nemesis
 * ops, the parser of the format read (and the format detection when no format is given). Nor does it
 * load zod (check's options and the checkers' are option specs validated without it) or lossless-json
 * (only for integers beyond 2^53). Read from the sources' import statements, so it needs no build
 * and no timing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/core/paths.js';

const ROOT = packageRoot();

/** The static, value-level imports of a TypeScript module (not `import type`, not `import()`). */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(import|export)\s+([^;]*?)\s*from\s*'([^']+)';/gms)) {
    const [, , clause, spec] = m;
    if (/^type\b/.test(clause)) continue; // import type / export type: erased
    const names = /^\{([^}]*)\}$/.exec(clause.trim());
    if (names && names[1].split(',').map((s) => s.trim()).filter(Boolean).every((s) => s.startsWith('type '))) continue; // only types: erased
    out.push(spec);
  }
  for (const m of text.matchAll(/^import\s+'([^']+)';/gm)) out.push(m[1]);
  return out;
}

/** Every project module `entry` loads statically, as paths from the package root; with `packages`, the packages they import are added to it. */
function staticClosure(entry: string, packages?: Set<string>): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    const rel = relative(ROOT, file);
    if (seen.has(rel)) return;
    seen.add(rel);
    for (const spec of staticImports(file)) {
      if (!spec.startsWith('.')) {
        packages?.add(spec);
        continue;
      }
      const ts = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
      if (existsSync(ts)) visit(ts);
    }
  };
  visit(join(ROOT, entry));
  return seen;
}

/** What the check path must not load before it needs it. */
const LAZY = [
  /^src\/report\//,
  /^src\/runtimes\//,
  /^targets\//,
  /^workloads\//,
  /^nemeses\/(?!fault-tracker\.ts$)/,
  /^src\/(porcupine|elle|causal)\//,
  /^src\/checkers\/(linearizable|session|causal|sequential|list-append|rw-register|set-full|counter|convergence)\.ts$/,
  /^src\/runner\/results\.ts$/,
  /^src\/runner\/run-options\.ts$/, // check needs only its shellQuote (src/core/shell-arg.ts)
  /^src\/eventual\/(?!rules\.ts$)/, // the registry lists the eventual checkers' models from rules.ts alone
  /^src\/importers\/(?!index\.ts$|formats\.ts$|read-text\.ts$)/, // each format's parser, and the detection, on use
];

describe('faultline check loads only what it needs', () => {
  it.each(['src/cli/check.ts', 'src/cli/main.ts'])('%s imports no checker implementation, report, runtime, nemesis or target statically', (entry) => {
    const loaded = [...staticClosure(entry)];
    if (entry === 'src/cli/check.ts') expect(loaded).toContain('src/checkers/index.ts'); // the registry's metadata is there
    expect(loaded.filter((f) => LAZY.some((re) => re.test(f)))).toEqual([]);
  });

  it.each(['src/cli/check.ts', 'src/cli/main.ts'])('%s loads neither zod (the option specs are validated without it) nor lossless-json (loaded by exact-json.ts on first need)', (entry) => {
    const packages = new Set<string>();
    staticClosure(entry, packages);
    expect([...packages].filter((p) => /^(zod|lossless-json)(\/|$)/.test(p))).toEqual([]);
  });

  it('check.ts loads at most 42 project modules statically (64 before the options left zod and the importers, the eventual engine and the run options were made lazy)', () => {
    const loaded = [...staticClosure('src/cli/check.ts')];
    expect(loaded.length).toBeLessThanOrEqual(42);
  });

  it('the walk sees what it should: run.ts does load the runtimes and the report', () => {
    const loaded = [...staticClosure('src/cli/run.ts')];
    expect(loaded.some((f) => f.startsWith('src/runtimes/'))).toBe(true);
    expect(loaded.some((f) => f.startsWith('src/report/'))).toBe(true);
    const packages = new Set<string>();
    staticClosure('src/cli/run.ts', packages);
    expect(packages).toContain('zod');
  });
});
