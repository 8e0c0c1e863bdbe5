/**
 * How a workload takes its checkers from the registry: by name, each built from the workload's own
 * validated options (the keys that checker's schema knows, every other option of that checker at its
 * registry default). A workload's `checkers` option is a comma list validated against the registry.
 */
import { z } from 'zod';
import type { Checker } from '../core/checker.js';
import { checkerEntry, checkers } from './index.js';
import { checkerOptionsSchema } from './option-schemas.js';

/** A zod option holding a comma list of registered checker names, each able to read `ops`. */
export function checkerListOption(defaults: readonly string[], ops: readonly string[]) {
  return z
    .string()
    .default(defaults.join(','))
    .transform((s, ctx) => {
      const names = s.split(',').map((x) => x.trim()).filter(Boolean);
      for (const n of names) {
        const entry = checkerEntry(n);
        if (!entry) ctx.addIssue({ code: 'custom', message: `unknown checker ${n} (choose from ${Object.keys(checkers).join(', ')})` });
        else if (!ops.every((f) => entry.reads.includes(f))) ctx.addIssue({ code: 'custom', message: `checker ${n} does not read the ops ${ops.join(', ')}` });
      }
      if (names.length === 0) ctx.addIssue({ code: 'custom', message: 'expected at least one checker' });
      return names;
    })
    .describe(`checkers that judge the history, from the registry (faultline list); default ${defaults.join(',')}`);
}

/** Builds the named checkers with the options in `opts` that each one's schema knows. */
export function buildCheckers(names: readonly string[], opts: Record<string, unknown>): Record<string, Checker> {
  const out: Record<string, Checker> = {};
  for (const name of names) {
    const entry = checkerEntry(name);
    if (!entry) throw new Error(`no checker ${name} in the registry`);
    const own = Object.fromEntries(Object.keys(entry.options).filter((k) => k in opts).map((k) => [k, opts[k]]));
    out[name] = entry.create(checkerOptionsSchema(entry).parse(own));
  }
  return out;
}

/** The models the named checkers rule on, in registry order, without repeats. */
export function modelsOf(names: readonly string[]): string[] {
  return [...new Set(names.flatMap((n) => checkerEntry(n)?.models ?? []))];
}
