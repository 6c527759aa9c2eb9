import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app';
import { db } from '../../src/platform/db';
import { captureForFastPath, clearFastPath, fastPathStats, markForFastPath } from '../../src/portal/fast-path';
import { knownPortalVersion, portalVersion, startPortalFreshness, stopPortalFreshness } from '../../src/portal/freshness';
import { listenHttp } from '../../src/server';
import { useTestDatabase } from '../support/db';
import { makeTree } from '../support/factories';

/**
 * The raw node:http fast path in front of Hono (src/portal/fast-path.ts): it
 * answers exactly what Hono answered (headers and body), only under the current
 * portal version, only for the same Host, with 304s for a matching
 * If-None-Match, and never for anything with a cookie, a POST, the API or the admin.
 */
const state = useTestDatabase();
let server: http.Server;
let port = 0;
let articleId = 0;

type Answer = { status: number; headers: Record<string, string>; body: string };
function request(path: string, opts: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { host: 'localhost', ...opts.headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (k !== 'date' && k !== 'connection' && k !== 'keep-alive') headers[k] = String(v);
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end();
  });
}
/** A cookie sends the request to Hono: "what Hono would answer". */
const viaHono = (path: string, opts: { method?: string; headers?: Record<string, string> } = {}) =>
  request(path, { ...opts, headers: { ...opts.headers, cookie: 'x=1' } });

async function until(check: () => Promise<boolean> | boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out');
}

const PAGE = '/tin-tuc/hoc-sinh-truong-le-loi-dat-giai-nhat';

beforeAll(async () => {
  const t = await makeTree();
  const r = await db().query(
    `insert into articles (unit_id, title, slug, body_html, status, published_at, is_on_sector_portal)
     values ($1, 'Học sinh Trường Lê Lợi đạt giải Nhất', 'hoc-sinh-truong-le-loi-dat-giai-nhat', '<p>Em Trần Minh Khang đạt giải Nhất cấp tỉnh môn Toán.</p>', 'published', now(), true) returning id`,
    [t.school.id],
  );
  articleId = r.rows[0].id;
  startPortalFreshness(state.url);
  await until(async () => {
    await portalVersion();
    return knownPortalVersion() !== null;
  });
  server = (await listenHttp(createApp(), { port: 0, hostname: '127.0.0.1' })) as http.Server;
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server?.close();
  await stopPortalFreshness();
});

describe('portal fast path', () => {
  it('serves exactly what Hono serves, for GET and HEAD, without entering Hono', async () => {
    clearFastPath();
    const first = await request(PAGE); // Hono renders and the fast path keeps it
    expect(first.status).toBe(200);
    expect(first.body).toContain('Học sinh Trường Lê Lợi đạt giải Nhất');
    const before = fastPathStats();
    expect(before.entries).toBe(1);

    const fast = await request(PAGE);
    expect(fastPathStats().hits).toBe(before.hits + 1);
    const hono = await viaHono(PAGE);
    expect(fastPathStats().hits).toBe(before.hits + 1); // the cookie went to Hono
    expect(fast).toEqual(hono);
    expect(fast).toEqual(first);
    expect(fast.headers.etag).toMatch(/^W\/"/);
    expect(fast.headers['cache-control']).toContain('max-age=60');
    expect(fast.headers['content-security-policy']).toBeTruthy();
    expect(Number(fast.headers['content-length'])).toBe(Buffer.byteLength(fast.body));

    const headFast = await request(PAGE, { method: 'HEAD' });
    expect(fastPathStats().hits).toBe(before.hits + 2);
    const headHono = await viaHono(PAGE, { method: 'HEAD' });
    expect(headFast).toEqual(headHono);
    expect(headFast.body).toBe('');
  });

  it('answers a matching If-None-Match with the same 304 as Hono', async () => {
    const page = await request(PAGE);
    const etag = page.headers.etag;
    const n = fastPathStats().notModified;
    for (const inm of [etag, etag.replace(/^W\//, ''), `"other", ${etag}`, '*']) {
      const fast = await request(PAGE, { headers: { 'if-none-match': inm } });
      const hono = await viaHono(PAGE, { headers: { 'if-none-match': inm } });
      expect(fast.status).toBe(304);
      expect(fast).toEqual(hono);
    }
    expect(fastPathStats().notModified).toBe(n + 4);
    const other = await request(PAGE, { headers: { 'if-none-match': 'W/"something-else"' } });
    expect(other.status).toBe(200);
  });

  it('is keyed by Host (and X-Forwarded-Host): another host never gets a kept page', async () => {
    await request(PAGE);
    const hits = fastPathStats().hits;
    await request(PAGE, { headers: { host: 'thcs-leloi.edu.vn' } });
    await request(PAGE, { headers: { 'x-forwarded-host': 'thcs-leloi.edu.vn' } });
    expect(fastPathStats().hits).toBe(hits); // both went to Hono (and were kept under their own keys)
    await request(PAGE, { headers: { host: 'thcs-leloi.edu.vn' } });
    expect(fastPathStats().hits).toBe(hits + 1);
  });

  it('drops everything on a change: the next request sees the new page', async () => {
    const old = await request(PAGE);
    await request(PAGE);
    const v = knownPortalVersion();
    await db().query(`update articles set title = 'Học sinh Trường Lê Lợi đạt giải Nhất cấp tỉnh' where id = $1`, [articleId]);
    await until(() => knownPortalVersion() !== v);
    const hits = fastPathStats().hits;
    const now = await request(PAGE);
    expect(now.body).toContain('đạt giải Nhất cấp tỉnh');
    expect(now.headers.etag).not.toBe(old.headers.etag);
    // an old ETag is not answered 304
    expect((await request(PAGE, { headers: { 'if-none-match': old.headers.etag } })).status).toBe(200);
    expect((await request(PAGE)).body).toBe(now.body);
    expect(fastPathStats().hits).toBeGreaterThan(hits);
  });

  it('never keeps POSTs, the API, the admin, composite-stamp pages or answers with Set-Cookie', async () => {
    clearFastPath();
    await request('/api/auth/session');
    await request('/api/auth/session');
    await request('/admin/');
    await request('/sitemap.xml'); // validated by news + units stamps: not exactly the version
    await request('/sitemap.xml');
    await request(PAGE, { method: 'POST' });
    await request(PAGE, { headers: { cookie: 'loa_session=abc' } });
    expect(fastPathStats().entries).toBe(0);

    // a marked response that sets a cookie is refused
    const version = knownPortalVersion() ?? '';
    const body = new TextEncoder().encode('<p>x</p>');
    const res = new Response(body, { headers: { etag: 'W/"x"', 'set-cookie': 'a=1' } });
    markForFastPath(res, version, body, 'W/"x"');
    captureForFastPath({ method: 'GET', url: '/x', headers: { host: 'loa.test' } } as http.IncomingMessage, res);
    expect(fastPathStats().entries).toBe(0);
    // …and one kept under an older version is refused too
    const res2 = new Response(body, { headers: { etag: 'W/"x"' } });
    markForFastPath(res2, `${version}0`, body, 'W/"x"');
    captureForFastPath({ method: 'GET', url: '/x', headers: { host: 'loa.test' } } as http.IncomingMessage, res2);
    expect(fastPathStats().entries).toBe(0);
  });
});
