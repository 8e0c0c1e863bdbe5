/**
 * Writing report.html into a run directory, and the wrapper the run, analyze and check commands
 * call: a report that cannot be written is a warning, never a lost run.
 */
import { existsSync, lstatSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadAssets } from './assets.js';
import { writeIndex } from './index-page.js';
import { buildReportHtml } from './report-html.js';
import { loadReportData } from './report-data.js';
import { FILES, writeTextAtomic } from './store.js';

/** Writes `runDir/report.html` from the files in `runDir`; returns its path. */
export async function writeReport(runDir: string): Promise<string> {
  const data = await loadReportData(runDir);
  const file = join(runDir, FILES.report);
  writeTextAtomic(file, buildReportHtml(data, loadAssets()));
  return file;
}

/**
 * Writes the run's report and, when `reportsDir` is given, regenerates `reportsDir/index.html`.
 * Never throws: a failure is passed to `warn` and the caller carries on. Returns the report's path
 * when it was written.
 */
export async function publishReport(runDir: string, reportsDir: string | undefined, warn: (msg: string) => void): Promise<string | undefined> {
  let file: string | undefined;
  try {
    file = await writeReport(runDir);
  } catch (e) {
    warn(`report.html not written: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (reportsDir !== undefined) {
    try {
      writeIndex(reportsDir);
    } catch (e) {
      warn(`${join(reportsDir, FILES.index)} not written: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return file;
}

/**
 * The reports directory a run directory lives in (`<reports>/<test>/<timestamp>`), recognised by its
 * `latest` link; undefined for a directory outside a store (e.g. `faultline check --report DIR`).
 */
export function reportsDirOf(runDir: string): string | undefined {
  const reports = dirname(dirname(runDir));
  try {
    return existsSync(join(dirname(runDir), 'latest')) && lstatSync(join(reports, 'latest')).isSymbolicLink() ? reports : undefined;
  } catch {
    return undefined;
  }
}
