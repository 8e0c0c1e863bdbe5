/**
 * cap.html: one self-contained page (no script, no request) with the table of `faultline cap` — every
 * model's status per configuration, each row linking to its run's report.html — and a chart of
 * availability on the minority side of the partitions against the strongest model that held, so the
 * trade-off shows at a glance: configurations up and to the left keep consistency, down and to the
 * right keep availability.
 */
import { relative } from 'node:path';
import type { CapPlan, CapRow } from './cap-run.js';
import { keptWords, ms, pct } from './cap-table.js';
import { AVAILABILITY_LEGEND, unsupportedOps } from './sides.js';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Strength levels on the chart's vertical axis, strongest first; a row sits at its strongest held model. */
const LEVELS: readonly { label: string; models: readonly string[] }[] = [
  { label: 'linearizable', models: ['linearizable', 'strict-serializable'] },
  { label: 'sequential', models: ['sequential', 'serializable', 'strong-session-serializable'] },
  { label: 'causal', models: ['causal-memory', 'causal-convergence', 'causal', 'snapshot-isolation', 'transactional-causal'] },
  { label: 'session guarantees', models: ['read-your-writes', 'monotonic-reads', 'monotonic-writes', 'writes-follow-reads', 'read-atomic', 'repeatable-read', 'read-committed'] },
  { label: 'eventual', models: ['eventual', 'read-uncommitted'] },
  { label: 'none held', models: [] },
];

function level(r: CapRow): number {
  const i = LEVELS.findIndex((l) => r.strongestHeld.some((m) => l.models.includes(m)));
  return i < 0 ? LEVELS.length - 1 : i;
}

function chart(rows: readonly CapRow[]): string {
  const W = 640;
  const H = 300;
  const left = 150;
  const top = 20;
  const plotW = W - left - 30;
  const plotH = H - top - 50;
  const y = (i: number) => top + (i + 0.5) * (plotH / LEVELS.length);
  const x = (a: number) => left + a * plotW;
  const grid = LEVELS.map((l, i) => `<text x="${left - 8}" y="${y(i) + 4}" text-anchor="end">${esc(l.label)}</text><line x1="${left}" x2="${left + plotW}" y1="${y(i)}" y2="${y(i)}" class="grid"/>`).join('');
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => `<text x="${x(t)}" y="${top + plotH + 18}" text-anchor="middle">${t * 100}%</text>`).join('');
  const dots = rows
    .map((r, i) => {
      const a = r.sides.minority.availability ?? 0;
      const cy = y(level(r)) + ((i % 3) - 1) * 9;
      return `<circle cx="${x(a)}" cy="${cy}" r="5"><title>${esc(r.config.name)}: ${pct(r.sides.minority)} on the minority side; ${esc(keptWords(r))}</title></circle><text x="${x(a) + 8}" y="${cy + 4}">${esc(r.config.name)}</text>`;
    })
    .join('');
  return `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="availability against consistency">${grid}${ticks}<text x="${left + plotW / 2}" y="${H - 8}" text-anchor="middle">ops answered on the minority side during partitions</text>${dots}</svg>`;
}

/** The page for the rows of a cap run stored in `plan.dir`. */
export function capHtml(plan: CapPlan, rows: readonly CapRow[]): string {
  const models = [...new Set(rows.flatMap((r) => Object.keys(r.models)))];
  const cell = (r: CapRow, m: string) => {
    const v = r.models[m];
    const cls = v?.status ?? 'not-checked';
    const text = v?.status === 'ruled-out' ? `ruled out (${v.by.join(', ')})` : (v?.status ?? 'not checked');
    return `<td class="${cls}">${esc(text)}</td>`;
  };
  const body = rows
    .map((r) => {
      const link = esc(relative(plan.dir, `${r.runDir}/report.html`));
      return `<tr><th><a href="${link}">${esc(r.config.name)}</a><div class="note">${esc(r.config.note)}</div></th><td>${pct(r.sides.minority)}</td><td>${pct(r.sides.majority)}</td><td>${pct(r.sides.outside)}</td><td>${r.opsPerSec.toFixed(0)}</td><td>${ms(r.p50Ms)}</td><td>${ms(r.p99Ms)}</td><td>${esc(keptWords(r))}</td>${models.map((m) => cell(r, m)).join('')}</tr>`;
    })
    .join('\n');
  const settings = `${esc(plan.target)}, workload ${esc(plan.workload)}, ${plan.nodes} nodes, ${plan.concurrency} clients, ${plan.timeLimit} s per configuration under partitions (${plan.cutClients ? 'clients cut off with their node' : 'clients not cut off'}), seed ${plan.seed}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>faultline cap: ${esc(plan.target)}</title>
<style>
body{font:14px system-ui,sans-serif;margin:24px;color:#1d2330}table{border-collapse:collapse;margin:16px 0}
td,th{border:1px solid #d5d9e0;padding:4px 8px;text-align:left;vertical-align:top}th .note{font-weight:normal;color:#5f6b7a;font-size:12px;max-width:280px}
td.holds{background:#e3f4e8}td.ruled-out{background:#fbe4e2}td.unknown,td.not-checked{color:#6b7380}
svg text{font-size:12px;fill:#1d2330}svg .grid{stroke:#e4e7ec}svg circle{fill:#2a5cc7}
</style></head><body>
<h1>Consistency against availability: ${esc(plan.target)}</h1>
<p>${settings}. Each configuration ran the same workload under the same seeded partition schedule; each row links to its run's report.</p>
${chart(rows)}
<table><thead><tr><th>configuration</th><th>available, minority side</th><th>available, majority side</th><th>available, no partition</th><th>ops/s</th><th>p50 ms</th><th>p99 ms</th><th>strongest model that held</th>${models.map((m) => `<th>${esc(m)}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody></table>
<p class="legend">${esc(AVAILABILITY_LEGEND)}.${rows.filter((r) => unsupportedOps(r.sides) > 0).map((r) => ` ${esc(r.config.name)}: ${unsupportedOps(r.sides)} unsupported op(s) left out.`).join('')}</p>
</body></html>
`;
}
