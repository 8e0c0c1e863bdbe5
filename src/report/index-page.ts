/**
 * reports/index.html: every stored run, newest first, coloured by verdict, filterable by target,
 * workload and verdict, each linking to its report. The table is static markup (every string
 * escaped); a small inlined script does the filtering. Regenerated after each run.
 */
import { join } from 'node:path';
import { loadAssets, type ReportAssets } from './assets.js';
import { escapeHtml, inlineScriptSource, inlineStyleSource, reportCsp } from './embed.js';
import { listRuns, type RunSummary } from './run-list.js';
import { FILES, writeTextAtomic } from './store.js';
import { FAULTLINE_COMMAND } from '../core/paths.js';

function options(label: string, name: string, values: string[]): string {
  const opts = [...new Set(values)].filter((v) => v !== '').map((v) => `<option>${escapeHtml(v)}</option>`);
  return `<label>${label} <select name="${name}"><option value="">all</option>${opts.join('')}</select></label>`;
}

function row(r: RunSummary): string {
  const cell = (s: string | number | null): string => `<td>${escapeHtml(s === null ? '–' : String(s))}</td>`;
  const link = r.hasReport ? `<a href="${escapeHtml(r.path.split('/').map(encodeURIComponent).join('/'))}/${FILES.report}">${escapeHtml(r.test)}</a>` : escapeHtml(r.test);
  return (
    `<tr class="verdict-${r.verdict}" data-target="${escapeHtml(r.target)}" data-workload="${escapeHtml(r.workload)}" data-verdict="${r.verdict}">` +
    `<td>${link}</td>${cell(r.startedAt)}<td class="verdict">${r.verdict}</td>${cell(r.target)}${cell(r.workload)}${cell(r.nemesis)}${cell(r.ops)}${cell(r.anomalies)}</tr>`
  );
}

/** Returns the index page for `runs` (already sorted). */
export function buildIndexHtml(runs: RunSummary[], assets: Pick<ReportAssets, 'indexJs' | 'indexCss'>): string {
  const script = inlineScriptSource(assets.indexJs);
  const filters = [
    options('target', 'target', runs.map((r) => r.target).sort()),
    options('workload', 'workload', runs.map((r) => r.workload).sort()),
    options('verdict', 'verdict', ['valid', 'invalid', 'unknown', 'unchecked']),
  ].join(' ');
  const body = runs.length
    ? `<table id="runs"><thead><tr><th>test</th><th>started</th><th>verdict</th><th>target</th><th>workload</th><th>nemesis</th><th>ops</th><th>anomalies</th></tr></thead><tbody>${runs.map(row).join('\n')}</tbody></table>`
    : `<p>No runs yet: <code>${escapeHtml(FAULTLINE_COMMAND)} run</code> stores one here.</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(reportCsp([script]))}">
<title>faultline runs</title><style>${inlineStyleSource(assets.indexCss)}</style></head>
<body><h1>faultline runs</h1><form id="filters">${filters} <span id="shown">${runs.length} runs</span></form>
${body}
<script>${script}</script></body></html>
`;
}

/** Regenerates `reportsDir/index.html`; returns its path. */
export function writeIndex(reportsDir: string): string {
  const file = join(reportsDir, FILES.index);
  writeTextAtomic(file, buildIndexHtml(listRuns(reportsDir), loadAssets()));
  return file;
}
