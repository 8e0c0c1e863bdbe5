/**
 * `faultline list`: the targets, workloads, nemeses and runtimes this installation has, with every
 * option each takes — its values, its default and what it does — all derived from the registries and
 * the zod schemas that validate the options (core/option-help.ts), so the list cannot drift from what
 * `run` accepts.
 */
import chalk from 'chalk';
import type { Command } from 'commander';
import type { z } from 'zod';
import { describeOptions, type OptionHelp } from '../core/option-help.js';
import { runtimes } from '../runtimes/index.js';
import { nemeses, scheduleOptionsSchema } from '../../nemeses/index.js';
import { targets } from '../../targets/index.js';
import { loadConfigTarget } from '../../targets/config/config-target.js';
import type { Target } from '../core/target.js';
import { checkers } from '../checkers/index.js';
import { checkerOptionsSchema } from '../checkers/option-schemas.js';
import { workloads } from '../../workloads/index.js';

interface Row {
  name: string;
  description: string;
  schema?: z.ZodType<unknown>;
  /** Put before each key (`partition.` for a nemesis). */
  prefix?: string;
}

const NAME = 12;

/** One option: key, values and default; its description below, indented to the values. */
function optionLines(key: string, o: OptionHelp, width: number): string[] {
  const head = `    ${key.padEnd(width)}  ${o.values}  ${chalk.dim(`default: ${o.default}`)}`;
  return o.description ? [head, chalk.dim(`    ${''.padEnd(width)}  ${o.description}`)] : [head];
}

function section(title: string, rows: Row[]): string[] {
  const options = rows.map((r) => (r.schema ? describeOptions(r.schema).map((o) => ({ key: `${r.prefix ?? ''}${o.key}`, o })) : []));
  const width = Math.max(0, ...options.flat().map(({ key }) => key.length));
  return [
    chalk.bold(title),
    ...rows.flatMap((r, i) => [`  ${r.name.padEnd(NAME)} ${r.description}`, ...options[i]!.flatMap(({ key, o }) => optionLines(key, o, width))]),
    '',
  ];
}

/**
 * The client ops of `target` with its default settings, then, for each setting with a fixed set of
 * values (a choice or a boolean) that changes them, the ops with that one setting given.
 */
export function opsText(target: Target<any>): string {
  const parse = (raw: Record<string, string>): readonly string[] | undefined => {
    const r = target.optionsSchema.safeParse(raw);
    return r.success ? target.ops(r.data) : undefined;
  };
  const base = parse({});
  if (!base) return 'client ops: with settings given';
  const changes = describeOptions(target.optionsSchema).flatMap((o) =>
    /^[\w.-]+( \| [\w.-]+)+$/.test(o.values)
      ? o.values.split(' | ').flatMap((v) => {
          const ops = v === o.default ? undefined : parse({ [o.key]: v });
          return ops && ops.join() !== base.join() ? [`with ${o.key}=${v}: ${ops.join(', ')}`] : [];
        })
      : [],
  );
  return [`client ops: ${base.join(', ')}`, ...changes].join('; ');
}

/** The text `faultline list` prints; `extra` targets (loaded from config files) are listed after the registry's. */
export function listText(extra: readonly Target<any>[] = []): string {
  return [
    ...section(
      'targets (--target <name>, or a target config file; options: --target-opt <key>=<value>)',
      [...Object.values(targets), ...extra].map((t) => ({ name: t.name, description: `${t.description} (${opsText(t)})`, schema: t.optionsSchema })),
    ),
    ...section(
      'workloads (--workload <name>; options: --workload-opt <key>=<value>)',
      Object.values(workloads).map((w) => ({ name: w.name, description: `${w.description} (models: ${w.models.join(', ')})`, schema: w.optionsSchema })),
    ),
    ...section('nemeses (--nemesis <a,b,…>; options: --nemesis-opt <nemesis>.<key>=<value>, or <key>=<value> for the schedule)', [
      ...Object.values(nemeses).map((n) => ({ name: n.name, description: n.description, schema: n.pkg?.optionsSchema, prefix: `${n.name}.` })),
      { name: '(schedule)', description: 'the schedule of every nemesis (nemeses/README.md)', schema: scheduleOptionsSchema },
    ]),
    ...section(
      'checkers (check --checker <name>; workloads choose theirs)',
      Object.values(checkers).map((c) => ({ name: c.name, description: `${c.description} (models: ${c.models.join(', ')}; reads: ${c.reads.join(', ')})`, schema: checkerOptionsSchema(c) })),
    ),
    ...section('runtimes (--runtime <name>; options: --runtime-opt <key>=<value>)', Object.values(runtimes).map((r) => ({ name: r.name, description: r.description, schema: r.optionsSchema }))),
    ...tradeoffLines(),
  ].join('\n');
}

/** Each target's configurations across the consistency/availability trade-off, as `faultline cap` runs them. */
function tradeoffLines(): string[] {
  const listed = Object.values(targets).filter((t) => (t.tradeoffs ?? []).length > 0);
  return [
    chalk.bold('configurations across the consistency/availability trade-off (cap --target <name> --configs <a,b,…>)'),
    ...listed.flatMap((t) => [
      `  ${t.name}`,
      ...t.tradeoffs!.map((c) => `    ${c.name.padEnd(NAME)} ${Object.entries(c.opts).map(([k, v]) => `${k}=${v}`).join(' ')}  ${chalk.dim(c.note)}`),
    ]),
    '',
  ];
}

export function registerListCommand(program: Command): void {
  program
    .command('list')
    .description('list targets, workloads, nemeses and runtimes, with every option, its values and its default')
    .option('--target <file>', 'also list the target a config file describes (repeatable; docs/target-config.md)', (v: string, all: string[]) => [...all, v], [] as string[])
    .action((flags: { target: string[] }) => {
      process.stdout.write(listText(flags.target.map((f) => loadConfigTarget(f))) + '\n');
    });
}
