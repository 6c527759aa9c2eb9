import http from 'node:http';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAddressAllowed, isPrivateAddress, safeFetch } from '../../src/platform/safe-fetch';

let server: http.Server;
let base = '';
let hits = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits++;
    const url = req.url ?? '/';
    if (url === '/feed') {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' });
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"', 'last-modified': 'Mon, 23 Nov 2026 01:00:00 GMT' });
      return res.end('<rss><channel><title>Tin giáo dục</title></channel></rss>');
    }
    if (url === '/gzip') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
      return res.end(zlib.gzipSync('Học sinh đạt giải'));
    }
    if (url.startsWith('/hop/')) {
      const n = Number(url.slice(5));
      res.writeHead(302, { location: n > 0 ? `/hop/${n - 1}` : '/feed' });
      return res.end();
    }
    if (url === '/to-private') {
      res.writeHead(301, { location: 'http://10.1.2.3/secret' });
      return res.end();
    }
    if (url === '/big') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end(Buffer.alloc(200_000, 97));
    }
    if (url === '/slow') {
      setTimeout(() => res.end('late'), 2_000);
      return;
    }
    res.writeHead(404);
    res.end('không có');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.LOA_FETCH_ALLOW = '127.0.0.1';
});
afterAll(() => {
  delete process.env.LOA_FETCH_ALLOW;
  server.close();
});

describe('safeFetch', () => {
  it('classifies addresses', () => {
    for (const ip of ['127.0.0.1', '10.0.0.5', '192.168.1.1', '172.20.0.1', '169.254.169.254', '100.64.0.1', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '0.0.0.0'])
      expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ['8.8.8.8', '203.162.4.190', '2001:4860:4860::8888']) expect(isPrivateAddress(ip), ip).toBe(false);
    expect(isAddressAllowed('10.1.2.3', '', '10.0.0.0/8')).toBe(true);
    expect(isAddressAllowed('10.1.2.3', 'feeds.local', 'feeds.local')).toBe(true);
    expect(isAddressAllowed('10.1.2.3', 'other.local', 'feeds.local')).toBe(false);
  });

  it('refuses loopback unless allowed', async () => {
    await expect(safeFetch(`${base}/feed`, {})).resolves.toMatchObject({ status: 200 });
    process.env.LOA_FETCH_ALLOW = '';
    await expect(safeFetch(`${base}/feed`)).rejects.toMatchObject({ code: 'fetch.blocked_address' });
    await expect(safeFetch('http://localhost:1/')).rejects.toMatchObject({ code: 'fetch.blocked_address' });
    process.env.LOA_FETCH_ALLOW = '127.0.0.1';
  });

  it('does conditional GET', async () => {
    const first = await safeFetch(`${base}/feed`);
    expect(first.body.toString()).toContain('Tin giáo dục');
    expect(first.etag).toBe('"v1"');
    const second = await safeFetch(`${base}/feed`, { etag: first.etag });
    expect(second.notModified).toBe(true);
    expect(second.body.length).toBe(0);
  });

  it('decompresses, and limits size, redirects and time', async () => {
    expect((await safeFetch(`${base}/gzip`)).body.toString()).toBe('Học sinh đạt giải');
    expect((await safeFetch(`${base}/hop/2`)).url).toBe(`${base}/feed`);
    await expect(safeFetch(`${base}/hop/9`, { maxRedirects: 3 })).rejects.toMatchObject({ code: 'fetch.too_many_redirects' });
    await expect(safeFetch(`${base}/to-private`)).rejects.toMatchObject({ code: 'fetch.blocked_address' });
    await expect(safeFetch(`${base}/big`, { maxBytes: 100_000 })).rejects.toMatchObject({ code: 'fetch.too_large' });
    await expect(safeFetch(`${base}/slow`, { timeoutMs: 300 })).rejects.toMatchObject({ code: 'fetch.timeout' });
    await expect(safeFetch('file:///etc/passwd')).rejects.toMatchObject({ code: 'fetch.bad_url' });
    expect((await safeFetch(`${base}/missing`)).status).toBe(404);
  });
});
