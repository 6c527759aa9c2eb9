import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/db';
import { rss, startFeedServer } from './feed-server';

/** `loa monitor …` as an operator (and `npm run eval`) runs it: results on stdout, exact export shape, exit codes. */
const state = useTestDatabase();
const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../bin/loa');
let server: Awaited<ReturnType<typeof startFeedServer>>;

async function loa(args: string[], env: Record<string, string> = { LOA_FETCH_ALLOW: '127.0.0.1' }) {
  try {
    const r = await run(bin, args, { env: { ...process.env, DATABASE_URL: state.url, LOA_LOG_LEVEL: 'warn', ...env } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const linkWithTracking = 'https://baobienhoa.example.vn/giao-duc/ngo-doc-ban-tru.html?utm_source=rss';
beforeAll(async () => {
  server = await startFeedServer({
    '/a.rss': () => ({
      body: rss('Báo Biên Hòa', [
        {
          link: linkWithTracking,
          title: 'Nhiều học sinh Trường Tiểu học Tân Phong nhập viện sau bữa ăn bán trú',
          summary: 'Sau bữa trưa, 18 học sinh Trường Tiểu học Tân Phong có biểu hiện đau bụng, nôn ói và được đưa đi cấp cứu.',
          published: '2026-10-14T12:30:00+07:00',
        },
        {
          link: 'https://baobienhoa.example.vn/kinh-te/gia-lua.html',
          title: 'Giá lúa tăng nhẹ đầu vụ',
          summary: 'Thương lái thu mua lúa tươi với giá cao hơn tuần trước.',
          published: '2026-09-01T08:00:00+07:00',
        },
      ]),
    }),
    '/b.rss': () => ({
      body: rss('Tin Đồng Nai', [
        {
          link: 'https://tindongnai.example.vn/tan-phong-ngo-doc',
          title: 'Nhiều học sinh Trường Tiểu học Tân Phong nhập viện sau bữa ăn bán trú',
          summary: 'Sau bữa trưa, 18 học sinh Trường Tiểu học Tân Phong có biểu hiện đau bụng, nôn ói và được đưa đi cấp cứu.',
          published: '2026-10-14T14:00:00+07:00',
        },
      ]),
    }),
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loa-monitor-'));
  const csv = path.join(dir, 'don-vi.csv');
  fs.writeFileSync(
    csv,
    ['code,name,type,parent,aliases', 'CLIM-SO,Sở Giáo dục và Đào tạo tỉnh Đồng Nai,department,,Sở GDĐT Đồng Nai', 'CLIM-TP,Trường Tiểu học Tân Phong,school,CLIM-SO,TH Tân Phong'].join('\n'),
  );
  expect((await loa(['units', 'import', csv])).code).toBe(0);
});
afterAll(async () => {
  await server.close();
});

describe('loa monitor', () => {
  it('adds sources, polls once, exports every item in the exact shape', async () => {
    const added = await loa(['monitor', 'source', 'add', server.url('/a.rss'), '--name', 'Báo Biên Hòa', '--interval', '600']);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ name: 'Báo Biên Hòa', kind: 'feed', intervalSeconds: 600 });
    expect((await loa(['monitor', 'source', 'add', server.url('/b.rss')])).code).toBe(0);
    expect((await loa(['monitor', 'source', 'add', server.url('/a.rss')])).code).toBe(1); // already there
    expect((await loa(['monitor', 'source', 'add'])).code).toBe(2);

    const polled = await loa(['monitor', 'poll', '--once']);
    expect(polled.code).toBe(0);
    expect(JSON.parse(polled.stdout)).toMatchObject({ sources: 2, failed: 0, newItems: 3, processed: 3 });
    expect(polled.stderr).toContain('tin mới');

    const exported = await loa(['monitor', 'export', '--json']);
    expect(exported.code).toBe(0);
    const rows = JSON.parse(exported.stdout);
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(Object.keys(r).sort()).toEqual(
        ['categories', 'link', 'publishedAt', 'reasons', 'riskScore', 'source', 'storyId', 'threadId', 'title', 'tone', 'units'].sort(),
      );
      expect(['negative', 'neutral', 'positive']).toContain(r.tone);
      expect(typeof r.storyId).toBe('string');
      expect(typeof r.threadId).toBe('string');
      expect(r.riskScore).toBeGreaterThanOrEqual(0);
      expect(r.riskScore).toBeLessThanOrEqual(1);
    }
    const incident = rows.filter((r: { title: string }) => r.title.includes('Tân Phong'));
    expect(incident.map((r: { link: string }) => r.link)).toContain(linkWithTracking); // exactly as the feed gave it
    expect(incident[0].units).toEqual(['CLIM-TP']);
    expect(incident[0].tone).toBe('negative');
    expect(incident[0].categories).toContain('food_safety');
    expect(incident[0].storyId).toBe(incident[1].storyId);
    expect(incident[0].source).not.toBe(incident[1].source);
    const unmatched = rows.find((r: { title: string }) => r.title.startsWith('Giá lúa'));
    expect(unmatched).toMatchObject({ units: [], categories: [] });

    const since = JSON.parse((await loa(['monitor', 'export', '--json', '--since', '2026-10-01'])).stdout);
    expect(since).toHaveLength(2);
    expect((await loa(['monitor', 'export', '--json', '--since', 'hôm qua'])).code).toBe(2);
  });

  it('records a refused address as the source error without failing the run', async () => {
    expect((await loa(['monitor', 'source', 'add', server.url('/khong-co.rss')])).code).toBe(0);
    const r = await loa(['monitor', 'poll', '--once'], {});
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ sources: 3, failed: 3 });
    const list = await loa(['monitor', 'source', 'list', '--json']);
    const failed = JSON.parse(list.stdout).map((s: { lastErrorCode: string }) => s.lastErrorCode);
    expect(failed).toEqual(['fetch.blocked_address', 'fetch.blocked_address', 'fetch.blocked_address']);
    expect((await loa(['monitor', 'poll'])).code).toBe(2);
  });
});
