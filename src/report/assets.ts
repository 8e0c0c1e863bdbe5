/**
 * The files a report inlines, read from disk when a report is written: uPlot (charts) and dagre
 * (graph layout) from node_modules, and the report's own browser code and stylesheet from
 * `src/report/browser/` (plain JavaScript, no build step). Read once per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { packageRoot } from '../core/paths.js';

/** The browser scripts of a run report, in the order they are concatenated. */
export const REPORT_SCRIPTS = ['util.js', 'faults.js', 'model.js', 'summary.js', 'tooltip.js', 'timeline-axis.js', 'timeline-paint.js', 'timeline.js', 'charts.js', 'graph.js', 'porcupine-view.js', 'anomalies.js', 'main.js'];

/** Everything a page needs inlined. */
export interface ReportAssets {
  /** uPlot's IIFE build (defines `uPlot`). */
  uplotJs: string;
  uplotCss: string;
  /** dagre's IIFE build (defines `dagre`). */
  dagreJs: string;
  /** The report's own code, concatenated. */
  reportJs: string;
  reportCss: string;
  /** The runs index page's code and style. */
  indexJs: string;
  indexCss: string;
}

/** The `dist` directory of an installed package (found through its main entry point). */
function distDir(pkg: string): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve(pkg));
}

let cached: ReportAssets | undefined;

/** Reads (once) and returns the assets. Throws a described Error when a file is missing. */
export function loadAssets(): ReportAssets {
  if (cached) return cached;
  const read = (file: string): string => {
    try {
      return readFileSync(file, 'utf8');
    } catch (e) {
      throw new Error(`report assets: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)}); run npm install`);
    }
  };
  const browser = join(packageRoot(), 'src', 'report', 'browser');
  const uplot = distDir('uplot');
  const dagre = distDir('@dagrejs/dagre');
  cached = {
    uplotJs: read(join(uplot, 'uPlot.iife.min.js')),
    uplotCss: read(join(uplot, 'uPlot.min.css')),
    dagreJs: read(join(dagre, 'dagre.min.js')),
    reportJs: REPORT_SCRIPTS.map((f) => `// ---- ${f}\n${read(join(browser, f))}`).join('\n'),
    reportCss: read(join(browser, 'report.css')),
    indexJs: read(join(browser, 'index-page.js')),
    indexCss: read(join(browser, 'index-page.css')),
  };
  return cached;
}
