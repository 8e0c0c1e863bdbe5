/**
 * `faultline list`: the targets, workloads, nemeses and runtimes this installation has, with their
 * options — all derived from the registries.
 */
import chalk from 'chalk';
import type { Command } from 'commander';
import { schemaKeys } from '../core/options.js';
import { runtimes } from '../runtimes/index.js';
import { nemeses } from '../../nemeses/index.js';
import { targets } from '../../targets/index.js';
import { workloads } from '../../workloads/index.js';

/** The text `faultline list` prints. */
export function listText(): string {
  const out: string[] = [];
  const section = (title: string, rows: [string, string][]) => {
    out.push(chalk.bold(title));
    for (const [name, desc] of rows) out.push(`  ${name.padEnd(12)} ${desc}`);
    out.push('');
  };
  const opts = (keys: string[]) => (keys.length ? chalk.dim(`\n  ${''.padEnd(12)} options: ${keys.join(', ')}`) : '');
  section(
    'targets',
    Object.values(targets).map((t) => [t.name, `${t.description} (ops: ${t.ops.join(', ')})${opts(schemaKeys(t.optionsSchema))}`]),
  );
  section(
    'workloads',
    Object.values(workloads).map((w) => [w.name, `${w.description} (models: ${w.models.join(', ')})${opts(schemaKeys(w.optionsSchema))}`]),
  );
  section('nemeses', Object.values(nemeses).map((n) => [n.name, n.description]));
  section('runtimes', Object.values(runtimes).map((r) => [r.name, r.description]));
  return out.join('\n');
}

export function registerListCommand(program: Command): void {
  program
    .command('list')
    .description('list targets, workloads, nemeses and runtimes, with their options')
    .action(() => {
      process.stdout.write(listText() + '\n');
    });
}
