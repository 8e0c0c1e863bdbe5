/**
 * Builds report.html: one self-contained file. The data travels as JSON in a
 * `<script type="application/json">` block; uPlot, dagre and the report's own code and styles are
 * inlined; a Content-Security-Policy forbids every network request and any script but these.
 * The page opens from disk, offline, with no server.
 */
import type { ReportAssets } from './assets.js';
import { escapeHtml, inlineScriptSource, inlineStyleSource, jsonForScript, reportCsp } from './embed.js';
import type { ReportData } from './report-data.js';

/** The element id of the embedded data block. */
export const DATA_ELEMENT_ID = 'faultline-data';

/** The page's title: test name, verdict and run. */
function title(data: ReportData): string {
  const name = typeof data.test?.name === 'string' ? data.test.name : 'faultline run';
  const v = data.results?.valid;
  const verdict = v === true ? 'valid' : v === false ? 'INVALID' : 'unknown';
  return `${name} · ${data.run} · ${verdict}`;
}

/** The problems list, as static markup (readable even if scripts were blocked). */
function problemsHtml(problems: string[]): string {
  if (problems.length === 0) return '';
  const items = problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('');
  return `<section id="problems" class="problems"><h2>Missing or damaged</h2><ul>${items}</ul></section>`;
}

/** Returns the complete report.html for `data`. Pure: the same input gives the same page. */
export function buildReportHtml(data: ReportData, assets: ReportAssets): string {
  const scripts = [assets.uplotJs, assets.dagreJs, assets.reportJs].map(inlineScriptSource);
  const heading = escapeHtml(title(data));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(reportCsp(scripts))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${heading}</title>
<style>${inlineStyleSource(assets.uplotCss)}</style>
<style>${inlineStyleSource(assets.reportCss)}</style>
</head>
<body>
<main>
<header id="summary" class="summary"><h1>${heading}</h1><p class="loading">Loading the report…</p></header>
${problemsHtml(data.problems)}
<section id="anomalies" class="panel"></section>
<section id="timeline-panel" class="panel"></section>
<section id="charts" class="panel"></section>
<section id="files" class="panel"></section>
</main>
<div id="tooltip" class="tooltip" hidden></div>
<script type="application/json" id="${DATA_ELEMENT_ID}">${jsonForScript(data)}</script>
${scripts.map((s) => `<script>${s}</script>`).join('\n')}
</body>
</html>
`;
}
