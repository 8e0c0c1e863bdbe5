/** `faultline serve`: binds 127.0.0.1, serves the reports statically, refuses paths leading out. */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostAllowed, resolveRequest, startServer, type Serving } from '../../src/cli/serve.js';

/** GETs `path` exactly as written (no URL normalisation), resolving with status and body. */
function get(url: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; type?: string }> {
  const u = new URL(url);
  return new Promise((ok, fail) => {
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d)).on('end', () => ok({ status: res.statusCode ?? 0, body, type: res.headers['content-type'] }));
    });
    req.on('error', fail).end();
  });
}

describe('faultline serve', () => {
  const base = mkdtempSync(join(tmpdir(), 'faultline-serve-'));
  const root = join(base, 'reports');
  let s: Serving;
  beforeAll(async () => {
    mkdirSync(join(root, 't/run1/nodes'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<p>index</p>');
    writeFileSync(join(root, 't/run1/report.html'), '<p>report</p>');
    writeFileSync(join(root, 't/run1/nodes/n1.log'), 'log line');
    writeFileSync(join(base, 'secret.txt'), 'secret');
    symlinkSync('run1', join(root, 't/latest'));
    symlinkSync(join(base, 'secret.txt'), join(root, 'leak.txt'));
    s = await startServer(root, { port: 0 });
  });
  afterAll(() => s.close());

  it('binds to 127.0.0.1 by default', () => {
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((s.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('serves the index, reports (also through latest links) and logs', async () => {
    expect(await get(s.url, '/')).toMatchObject({ status: 200, body: '<p>index</p>', type: 'text/html; charset=utf-8' });
    expect((await get(s.url, '/t/latest/')).body).toBe('<p>report</p>');
    expect(await get(s.url, '/t/run1/nodes/n1.log')).toMatchObject({ status: 200, body: 'log line', type: 'text/plain; charset=utf-8' });
    expect((await get(s.url, '/nope.html')).status).toBe(404);
  });

  it('refuses every path that leads out of the directory', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/t/..%2f..%2fsecret.txt', '/leak.txt', '/%00', '/%E0%A4%A']) {
      const r = await get(s.url, p);
      expect([p, r.status]).toEqual([p, 403]);
      expect(r.body).not.toContain('secret');
    }
    expect(resolveRequest(root, '/..')).toBe(403);
  });

  it('answers only requests naming a loopback host (DNS rebinding gets 403)', async () => {
    for (const host of ['127.0.0.1', `127.0.0.1:${new URL(s.url).port}`, 'localhost:9000', 'LocalHost', '[::1]:8080', '[::1]']) {
      const r = await get(s.url, '/', { host });
      expect([host, r.status]).toEqual([host, 200]);
    }
    for (const host of ['evil.example', 'evil.example:8080', '127.0.0.1.evil.example', 'localhost.evil.example:80', '127.0.0.2', '10.0.0.5', '127.0.0.1:80x', '[::2]:80']) {
      const r = await get(s.url, '/t/run1/report.html', { host });
      expect([host, r.status]).toEqual([host, 403]);
      expect(r.body).not.toContain('<p>report</p>');
    }
    // Bound to one IP for a team: that address is accepted too; a wildcard adds nothing.
    expect(hostAllowed('10.0.0.5:8080', '10.0.0.5')).toBe(true);
    expect(hostAllowed('[fd00::5]:8080', 'fd00::5')).toBe(true);
    expect(hostAllowed('0.0.0.0:8080', '0.0.0.0')).toBe(false);
    expect(hostAllowed('example.com', '0.0.0.0')).toBe(false);
    expect(hostAllowed(undefined, '127.0.0.1')).toBe(false);
  });
});
