/**
 * Opening report pages in Debian's chromium through playwright-core (no browser download). Each
 * opened page records console errors, uncaught exceptions, dialogs and every request that is not
 * the page's own file, so a test can assert a report is quiet and offline.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { packageRoot } from '../../src/core/paths.js';

/** Where browser tests save screenshots (git-ignored). */
export const TEST_OUTPUT = join(packageRoot(), 'test-output');

/** Starts headless chromium from /usr/bin/chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A page with what it logged. */
export interface Opened {
  page: Page;
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** URLs requested other than the page itself (data: and blob: excepted). */
  requests: string[];
  /** Messages of any alert/confirm/prompt the page opened (dismissed). */
  dialogs: string[];
}

/** Opens `file` from file:// in a fresh page (1400 × 1000 unless `viewport` says) and waits for its load event. */
export async function openFile(browser: Browser, file: string, viewport = { width: 1400, height: 1000 }): Promise<Opened> {
  const page = await browser.newPage({ viewport });
  const url = pathToFileURL(file).href;
  const opened: Opened = { page, errors: [], requests: [], dialogs: [] };
  page.on('console', (m) => m.type() === 'error' && opened.errors.push(m.text()));
  page.on('pageerror', (e) => opened.errors.push(String(e)));
  page.on('dialog', (d) => (opened.dialogs.push(d.message()), void d.dismiss()));
  page.on('request', (r) => {
    const u = r.url();
    if (u !== url && !u.startsWith('data:') && !u.startsWith('blob:')) opened.requests.push(u);
  });
  await page.goto(url);
  return opened;
}

/** Saves a full-page screenshot as test-output/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(TEST_OUTPUT, { recursive: true });
  const path = join(TEST_OUTPUT, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The little of the DOM that `canvasPixel` reads (the project compiles without the DOM library). */
interface CanvasWindow {
  devicePixelRatio: number;
  document: { querySelector(s: string): { getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } } };
}

/** The colour of the pixel at (x, y) CSS px of a canvas, as `#rrggbb`, or `transparent` where nothing is drawn. */
export function canvasPixel(page: Page, selector: string, x: number, y: number): Promise<string> {
  return page.evaluate(
    ([sel, px, py]) => {
      const w = globalThis as unknown as CanvasWindow;
      const d = w.devicePixelRatio || 1;
      const [r, g, b, a] = w.document.querySelector(sel).getContext('2d').getImageData(Math.round(px * d), Math.round(py * d), 1, 1).data;
      return a === 0 ? 'transparent' : '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
    },
    [selector, x, y] as const,
  );
}
