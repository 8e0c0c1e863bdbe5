/**
 * `faultline list` shows every option of every target, workload and nemesis (and the schedule) with
 * the values it takes and its default, read off the zod schemas that validate them.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { listText } from '../../src/cli/list.js';
import { describeOptions } from '../../src/core/option-help.js';
import { boolOpt } from '../../src/core/options.js';
import { nemeses, scheduleOptionsSchema } from '../../nemeses/index.js';
import { PARTITION_MODES } from '../../nemeses/partition.js';
import { targets } from '../../targets/index.js';
import { checkers } from '../../src/checkers/index.js';
import { loadConfigTarget } from '../../targets/config/config-target.js';
import { packageRoot } from '../../src/core/paths.js';
import { workloads } from '../../workloads/index.js';
import { z as zod } from 'zod';
import { checkerOptionsSchema } from '../../src/checkers/option-schemas.js';

const plain = () => listText().replace(/\x1b\[[0-9;]*m/g, '');

/** Every option key of every registry entry, as `list` should name it, with its own schema. */
function everyOption(): { owner: string; name: string; key: string; schema: z.ZodType<unknown> }[] {
  const shape = (s: z.ZodType<unknown>) => (s as unknown as { shape: Record<string, z.ZodType<unknown>> }).shape;
  return [
    ...Object.values(targets).flatMap((t) => Object.entries(shape(t.optionsSchema)).map(([k, s]) => ({ owner: `target ${t.name}`, name: t.name, key: k, schema: s }))),
    ...Object.values(workloads).flatMap((w) => Object.entries(shape(w.optionsSchema)).map(([k, s]) => ({ owner: `workload ${w.name}`, name: w.name, key: k, schema: s }))),
    ...Object.values(nemeses).flatMap((n) =>
      n.pkg ? Object.entries(shape(n.pkg.optionsSchema)).map(([k, s]) => ({ owner: `nemesis ${n.name}`, name: n.name, key: `${n.name}.${k}`, schema: s })) : [],
    ),
    ...Object.entries(shape(scheduleOptionsSchema)).map(([k, s]) => ({ owner: 'schedule', name: '(schedule)', key: k, schema: s })),
  ];
}

describe('faultline list', () => {
  it('shows every option key of every target, workload and nemesis with its default', () => {
    const lines = plain().split('\n');
    const options = everyOption();
    expect(options.length).toBeGreaterThan(40);
    for (const { owner, name, key, schema } of options) {
      // The entry's own block: from its name line to the next name line.
      const start = lines.findIndex((l) => l.startsWith(`  ${name} `));
      expect(start, owner).toBeGreaterThanOrEqual(0);
      const end = lines.findIndex((l, i) => i > start && /^ {0,2}\S/.test(l));
      const line = lines.slice(start + 1, end).find((l) => l.trimStart().startsWith(`${key} `));
      expect(line, `${owner}: ${key}`).toBeDefined();
      // The default, as the schema itself gives it for a missing key.
      const value = schema.safeParse(undefined);
      const expected = value.success && value.data !== undefined ? String(value.data) : 'not set';
      expect(line!.endsWith(`default: ${expected}`), `${owner}: ${line}`).toBe(true);
    }
  });

  it('lists the allowed values: every partition mode (isolate-leader too), kill targets, read modes, number ranges', () => {
    const text = plain();
    const line = (key: string) => text.split('\n').find((l) => l.trimStart().startsWith(`${key} `))!;
    for (const m of PARTITION_MODES) expect(line('partition.modes')).toContain(m);
    expect(line('pause.targets')).toContain('one | minority | majority | all | leader');
    expect(line('read-mode')).toMatch(/read-index \| .*follower/);
    expect(line('partition.leader-clock-period-ms')).toContain('whole number from 10 to 60000');
    expect(line('settle')).toContain('number from 0 to 3600');
    expect(text).toContain('partition    cut links as a grudge (halves, random-halves, isolate-one, isolate-leader,');
  });

  it('describes any zod object schema: choices, lists, booleans, ranges, defaults, descriptions', () => {
    const schema = zod.strictObject({
      mode: zod.enum(['a', 'b']).default('b').describe('the mode'),
      list: zod.string().transform((s) => s.split(',')).pipe(zod.array(zod.enum(['x', 'y']))).optional(),
      flag: boolOpt(true),
      n: zod.coerce.number().int().positive().default(3),
      ratio: zod.coerce.number().min(0).max(1).default(0.5),
      name: zod.string().optional(),
    });
    expect(describeOptions(schema)).toEqual([
      { key: 'mode', values: 'a | b', default: 'b', description: 'the mode' },
      { key: 'list', values: 'comma-separated list of x | y', default: 'not set' },
      { key: 'flag', values: 'true | false', default: 'true' },
      { key: 'n', values: 'whole number > 0', default: '3' },
      { key: 'ratio', values: 'number from 0 to 1', default: '0.5' },
      { key: 'name', values: 'text', default: 'not set' },
    ]);
  });

  it('lists every target configuration that faultline cap can compare, with its settings', () => {
    const text = plain();
    const at = text.indexOf('configurations across the consistency/availability trade-off');
    expect(at).toBeGreaterThan(0);
    const tail = text.slice(at);
    for (const t of Object.values(targets)) {
      for (const c of t.tradeoffs ?? []) {
        const settings = Object.entries(c.opts).map(([k, v]) => `${k}=${v}`).join(' ');
        expect(tail).toMatch(new RegExp(`^    ${c.name} +${settings.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}  `, 'm'));
      }
    }
    expect(targets['raft-kv'].tradeoffs!.map((c) => c.name)).toEqual(['log', 'read-index', 'lease', 'local', 'session', 'follower', 'leaderless']);
  });
});

describe('faultline list: client ops and checkers', () => {
  const nameLine = (name: string, from = 0) => plain().split('\n').slice(from).find((l) => l.startsWith(`  ${name.padEnd(12)} `))!;

  it("names each target's client ops with its defaults, and the settings that change them", () => {
    expect(nameLine('raft-kv')).toMatch(/\(client ops: read, write, cas, append, txn, add, incr; with replication=leaderless: read, write, cas, add, incr\)$/);
    expect(nameLine('etcd')).toMatch(/\(client ops: read, write, cas, txn\)$/);
  });

  it('lists every checker of the registry with its models, the op shapes it reads and its options', () => {
    const text = plain();
    const at = text.split('\n').findIndex((l) => l.startsWith('checkers (check --checker <name>; workloads choose theirs)'));
    expect(at).toBeGreaterThan(0);
    const section = text.split('\n').slice(at + 1);
    const end = section.findIndex((l) => !l.startsWith(' '));
    const names = section.slice(0, end).filter((l) => /^  \S/.test(l)).map((l) => l.trim().split(/\s+/)[0]);
    expect(names).toEqual(Object.keys(checkers));
    for (const c of Object.values(checkers)) {
      const line = nameLine(c.name, at);
      expect(line, c.name).toContain(c.description);
      expect(line, c.name).toContain(`(models: ${c.models.join(', ')}; reads: ${c.reads.join(', ')})`);
      const block = section.slice(section.indexOf(line) + 1);
      const own = block.slice(0, block.findIndex((l) => /^ {0,2}\S/.test(l)));
      for (const o of describeOptions(checkerOptionsSchema(c))) {
        expect(own.some((l) => l.trimStart().startsWith(`${o.key} `) && l.endsWith(`default: ${o.default}`)), `${c.name}: ${o.key}`).toBe(true);
      }
    }
    expect(nameLine('list-append', at)).toMatch(/models: strict-serializable, .*serializable.*; reads: txn/);
  });
});

describe('faultline list --target <file>', () => {
  it('lists the target a config file describes, with its client and ops, after the registry', () => {
    const file = join(packageRoot(), 'examples/etcd-python/target.yaml');
    const lines = listText([loadConfigTarget(file)]).replace(/\x1b\[[0-9;]*m/g, '').split('\n');
    const at = lines.findIndex((l) => l.startsWith('  etcd-python '));
    expect(at).toBeGreaterThan(lines.findIndex((l) => l.startsWith('  redis ')));
    expect(lines[at]).toContain(`(from ${file}; client process) (client ops: read, write, cas)`);
    expect(plain()).not.toContain('etcd-python');
  });
});
