/**
 * The output of `faultline cap` from literal rows: which configurations `--configs` picks (and its
 * one-line refusals), the terminal table, and cap.html (a row per configuration linking its report,
 * every model's status, a point per configuration on the chart, escaped text).
 */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { capHtml } from '../../src/cap/cap-html.js';
import type { CapPlan, CapRow } from '../../src/cap/cap-run.js';
import { capTable } from '../../src/cap/cap-table.js';
import { AVAILABILITY_LEGEND } from '../../src/cap/sides.js';
import { chooseConfigs } from '../../src/cli/cap.js';

const LISTED = [
  { name: 'strong', opts: { mode: 'a' }, note: 'linearizable' },
  { name: 'weak', opts: { mode: 'b' }, note: 'stale <reads>' },
];

const side = (ops: number, answered: number, unsupported = 0) => ({ ops, answered, unsupported, ...(ops > 0 ? { availability: answered / ops } : {}) });

function row(name: string, minority: [number, number] | [number, number, number], held: string[], ruledOut: string[]): CapRow {
  return {
    config: LISTED.find((l) => l.name === name)!,
    runDir: `/r/cap/1/cap-${name}/2`,
    verdict: ruledOut.length === 0,
    sides: { minority: side(minority[0], minority[1], minority[2]), majority: side(10, 9), outside: side(0, 0), partitions: 2 },
    opsPerSec: 123.4,
    p50Ms: 4.25,
    p99Ms: 120,
    models: Object.fromEntries([...held.map((m) => [m, { status: 'holds', by: [], checker: 'c' }]), ...ruledOut.map((m) => [m, { status: 'ruled-out', by: ['G-stale'], checker: 'c' }])]),
    strongestHeld: held.slice(0, 1),
    weakestRuledOut: ruledOut.slice(-1),
  } as CapRow;
}

const plan: CapPlan = { target: 't', workload: 'register', runtime: 'local', nodes: 3, concurrency: 6, timeLimit: 5, nemesisInterval: 1, opTimeout: 1, seed: 9, dir: '/r/cap/1', configs: LISTED, targetOpts: {}, cutClients: true };

describe('cap output', () => {
  it('--configs picks named configurations in the target’s order, all by default, and refuses unknown names in one line', () => {
    expect(chooseConfigs('t', LISTED, undefined).map((c) => c.name)).toEqual(['strong', 'weak']);
    expect(chooseConfigs('t', LISTED, 'weak, strong').map((c) => c.name)).toEqual(['strong', 'weak']);
    expect(() => chooseConfigs('t', LISTED, 'weak,nope')).toThrow(new UserError('--configs: "nope" is not a configuration of t; expected one of strong, weak'));
    expect(() => chooseConfigs('t', LISTED, ',')).toThrow(/^--configs: expected a comma-separated list/);
    expect(() => chooseConfigs('t', undefined, undefined)).toThrow(/^--target t: this target lists no configurations/);
  });

  it('the table has a row per configuration with availability by side and what held', () => {
    const lines = capTable([row('strong', [10, 1], ['linearizable'], []), row('weak', [10, 8], ['monotonic-reads'], ['linearizable'])]);
    expect(lines[1]).toMatch(/^config\s+minority\s+majority\s+no fault\s+ops\/s\s+p50 ms\s+p99 ms\s+strongest model that held$/);
    expect(lines[2]).toMatch(/^strong\s+10%\s+90%\s+–\s+123\s+4\.3\s+120\s+linearizable$/);
    expect(lines[3]).toMatch(/^weak\s+80%\s+90%\s+–\s+123\s+4\.3\s+120\s+monotonic-reads$/);
  });

  it('the table and cap.html say what availability counts, and how many unsupported ops each configuration left out', () => {
    const rows = [row('strong', [10, 1], ['linearizable'], []), row('weak', [10, 8, 4], ['monotonic-reads'], ['linearizable'])];
    const lines = capTable(rows);
    expect(lines).toContain(AVAILABILITY_LEGEND);
    expect(AVAILABILITY_LEGEND).toMatch(/cas-mismatch.*unsupported.*left out/);
    expect(lines.at(-1)).toBe('  weak: 4 unsupported op(s) left out');
    expect(lines.some((l) => l.startsWith('  strong:'))).toBe(false);
    const html = capHtml(plan, rows);
    expect(html).toContain('ops answered (ok, or a definite answer such as cas-mismatch)');
    expect(html).toContain('weak: 4 unsupported op(s) left out.');
  });

  it('cap.html links every run’s report, shows each model’s status and escapes text', () => {
    const html = capHtml(plan, [row('strong', [10, 1], ['linearizable'], []), row('weak', [10, 8], ['monotonic-reads'], ['linearizable'])]);
    expect(html).toContain('<a href="cap-strong/2/report.html">strong</a>');
    expect(html).toContain('<a href="cap-weak/2/report.html">weak</a>');
    expect(html).toContain('<td class="ruled-out">ruled out (G-stale)</td>');
    expect(html).toContain('stale &#60;reads&#62;');
    expect(html).not.toContain('<reads>');
    expect(html.match(/<circle /g)).toHaveLength(2);
    expect(html).not.toMatch(/<script|https?:\/\//);
  });
});
