import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/audit';
import { webhookSignature } from '../../src/modules/monitoring/items.service';
import { claimDueSources, pollSource } from '../../src/modules/monitoring/poll.service';
import { createSource, getSource } from '../../src/modules/monitoring/sources.service';
import { db } from '../../src/platform/db';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree } from '../support/factories';
import { makeClient } from '../support/http';
import { rss, startFeedServer } from './feed-server';

/**
 * Polling against loopback HTTP servers: backlog, conditional GET, back-off,
 * redirect and size limits, malformed feeds, the SSRF guard; de-duplication;
 * the signed webhook; manual entries.
 */
useTestDatabase();
const savedAllow = process.env.LOA_FETCH_ALLOW;
let tree: Awaited<ReturnType<typeof makeTree>>;
let server: Awaited<ReturnType<typeof startFeedServer>>;
let version = 1;
let etag = '"v1"';
const baseItems = [
  { link: 'https://baotayninh.example.vn/gd/1.html', title: 'Khai giảng năm học mới tại vùng biên giới', summary: 'Học sinh vùng biên hân hoan ngày khai trường.', published: '2026-10-01T07:00:00+07:00' },
  { link: 'https://baotayninh.example.vn/gd/2.html', title: 'Bổ sung 40 biên chế giáo viên mầm non', summary: 'Tỉnh giao thêm chỉ tiêu giáo viên cho bậc mầm non.', published: '2026-10-01T09:00:00+07:00' },
  { link: 'https://baotayninh.example.vn/gd/3.html', title: 'Sửa chữa 12 phòng học xuống cấp', summary: 'Kinh phí sửa chữa được bố trí từ ngân sách tỉnh.', published: '2026-10-01T11:00:00+07:00' },
];
let feedItems = [...baseItems];
let failing = 0;

beforeAll(async () => {
  process.env.LOA_FETCH_ALLOW = '127.0.0.1';
  tree = await makeTree();
  server = await startFeedServer({
    '/giao-duc.rss': (req) => {
      if (req.headers['if-none-match'] === etag) return { status: 304 };
      return { headers: { etag }, body: rss('Báo Tây Ninh - Giáo dục', feedItems) };
    },
    '/loi.rss': () => (failing > 0 ? (failing--, { status: 500, body: 'lỗi máy chủ' }) : { body: rss('Hồi phục', []) }),
    '/vong.rss': () => ({ status: 302, headers: { location: '/vong.rss' } }),
    '/hong.rss': () => ({ body: '<rss><channel><item><title>Tin bị cắt' }),
    '/lon.rss': () => ({ body: `<rss><channel>${'<item><title>x</title></item>'.repeat(400_000)}</channel></rss>` }),
    '/trang.html': () => ({
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: `<html><head><meta property="og:title" content="Phụ huynh phản ánh xe đưa đón học sinh chở quá số người"></head>
        <body><div class="noi-dung"><p>Sáng 12/10, nhiều phụ huynh phản ánh xe đưa đón của trường chở quá số người quy định.</p>
        <p>Nhà trường cho biết sẽ làm việc với nhà xe.</p></div></body></html>`,
    }),
  });
});
afterAll(async () => {
  await server.close();
  if (savedAllow === undefined) delete process.env.LOA_FETCH_ALLOW;
  else process.env.LOA_FETCH_ALLOW = savedAllow;
});

async function feedSource(path: string, name = path) {
  const { source } = await createSource(systemActor, { unitId: tree.dept.id, kind: 'feed', url: server.url(path), name });
  return source.id;
}
const count = async (sql: string, args: unknown[] = []) => Number((await db().query(sql, args)).rows[0].n);

describe('polling', () => {
  it('takes the backlog first, then asks conditionally and gets 304 until the feed changes', async () => {
    const id = await feedSource('/giao-duc.rss', 'Báo Tây Ninh');
    const first = await pollSource(id);
    expect(first).toMatchObject({ status: 'ok', newItems: 3, seen: 3 });
    const second = await pollSource(id);
    expect(second).toMatchObject({ status: 'not_modified', newItems: 0 });
    expect(server.log.filter((l) => l.path === '/giao-duc.rss').at(-1)?.headers['if-none-match']).toBe('"v1"');
    feedItems = [
      ...baseItems,
      { link: 'https://baotayninh.example.vn/gd/4.html', title: 'Học sinh giỏi cấp tỉnh tăng 15%', summary: 'Kết quả thi học sinh giỏi năm nay cao hơn năm trước.', published: '2026-10-01T13:00:00+07:00' },
    ];
    etag = `"v${++version}"`;
    expect(await pollSource(id)).toMatchObject({ status: 'ok', newItems: 1, seen: 4 });
    const s = await getSource(db(), id);
    expect(s).toMatchObject({ health: 'ok', consecutiveFailures: 0, itemsTotal: 4 });
    // one item every 2 hours → poll every hour (the upper bound)
    expect(s.adaptiveSeconds).toBe(3600);
    expect(s.itemsPerDay).toBeGreaterThan(0);
  });

  it('backs off exponentially on server errors and recovers', async () => {
    const id = await feedSource('/loi.rss');
    failing = 3;
    const waits: number[] = [];
    for (let i = 1; i <= 3; i++) {
      const r = await pollSource(id);
      expect(r).toMatchObject({ status: 'error', errorCode: 'http.500' });
      const s = await getSource(db(), id);
      expect(s.consecutiveFailures).toBe(i);
      waits.push(new Date(s.nextPollAt).getTime() - new Date(s.lastPolledAt as string).getTime());
    }
    expect(waits[1]).toBeGreaterThan(waits[0] * 1.5);
    expect(waits[2]).toBeGreaterThan(waits[1] * 1.5);
    expect((await getSource(db(), id)).health).toBe('failing');
    expect(await pollSource(id)).toMatchObject({ status: 'ok' });
    expect(await getSource(db(), id)).toMatchObject({ consecutiveFailures: 0, health: 'ok', lastErrorCode: 'http.500' });
  });

  it('records redirect loops, malformed and oversized feeds as source errors', async () => {
    expect(await pollSource(await feedSource('/vong.rss'))).toMatchObject({ status: 'error', errorCode: 'fetch.too_many_redirects' });
    expect(await pollSource(await feedSource('/hong.rss'))).toMatchObject({ status: 'error', errorCode: 'feed.malformed' });
    expect(await pollSource(await feedSource('/lon.rss'))).toMatchObject({ status: 'error', errorCode: 'fetch.too_large' });
    const s = await getSource(db(), (await db().query(`select id from monitor_sources where url like '%/hong.rss'`)).rows[0].id);
    expect(s.lastError).toMatch(/XML/);
  });

  it('refuses loopback addresses without LOA_FETCH_ALLOW (SSRF guard)', async () => {
    const id = await feedSource('/giao-duc.rss?ssrf=1');
    const before = server.log.length;
    delete process.env.LOA_FETCH_ALLOW;
    try {
      expect(await pollSource(id)).toMatchObject({ status: 'error', errorCode: 'fetch.blocked_address' });
    } finally {
      process.env.LOA_FETCH_ALLOW = '127.0.0.1';
    }
    expect(server.log.length).toBe(before);
  });

  it('lets concurrent workers claim disjoint due sources (SKIP LOCKED + lease)', async () => {
    await db().query(`update monitor_sources set next_poll_at = now() - interval '1 minute', lease_until = null`);
    const [a, b] = await Promise.all([claimDueSources(3), claimDueSources(3)]);
    expect(a.filter((x) => b.includes(x))).toEqual([]);
    expect(await claimDueSources(100)).toEqual(expect.not.arrayContaining([...a, ...b]));
  });
});

describe('de-duplication', () => {
  it('stores an article once across feeds (canonical URL) and within a feed (GUID)', async () => {
    const link = 'https://baomekong.example.vn/giao-duc/hoc-phi-moi.html';
    const item = { title: 'Mức học phí mới từ học kỳ II', summary: 'Tỉnh công bố mức học phí mới.', published: '2026-10-03T08:00:00+07:00' };
    server.routes['/dup-a.rss'] = () => ({ body: rss('A', [{ ...item, link }, { ...item, link }]) });
    server.routes['/dup-b.rss'] = () => ({ body: rss('B', [{ ...item, link: `${link}?utm_source=zalo&utm_campaign=x#top`, guid: 'b-777' }]) });
    expect((await pollSource(await feedSource('/dup-a.rss'))).newItems).toBe(1);
    expect((await pollSource(await feedSource('/dup-b.rss'))).newItems).toBe(0);
    expect(await count(`select count(*) as n from monitor_items where canonical_url = $1`, [link.replace('http:', 'https:')])).toBe(1);
  });
});

describe('webhook', () => {
  it('accepts a signed delivery once, refuses bad, stale and replayed ones', async () => {
    const { source, webhookSecret } = await createSource(systemActor, { unitId: tree.dept.id, kind: 'webhook', name: 'Dịch vụ lắng nghe MXH' });
    expect(webhookSecret).toMatch(/^whsec_/);
    expect(source.webhookSecretHint).toBeTruthy();
    const body = JSON.stringify({
      items: [
        { id: 'fb-1', url: 'https://www.facebook.com/groups/phuhuynh/posts/1', text: 'Con tôi về kể cô giáo bắt đứng ngoài nắng cả tiết, phụ huynh có ai biết không?', publishedAt: '2026-10-12T20:00:00+07:00' },
      ],
    });
    const ts = String(Math.floor(Date.now() / 1000));
    // the test client sends JSON.stringify(body): the same bytes as `body`
    const send = (sig: string, t = ts) =>
      makeClient().request('POST', `/api/monitoring/webhook/${source.id}`, JSON.parse(body), { 'x-loa-signature': sig, 'x-loa-timestamp': t });
    const good = webhookSignature(webhookSecret as string, ts, body);
    const ok = await send(good);
    expect(ok.status).toBe(202);
    expect(ok.json).toEqual({ received: 1, new: 1 });
    expect((await send(good)).status).toBe(409);
    expect((await send(good.replace(/.$/, (c) => (c === '0' ? '1' : '0')))).status).toBe(401);
    const old = String(Math.floor(Date.now() / 1000) - 3600);
    expect((await send(webhookSignature(webhookSecret as string, old, body), old)).status).toBe(401);
    expect((await makeClient().request('POST', `/api/monitoring/webhook/${source.id}`, { items: [] })).status).toBe(401);
    const item = (await db().query(`select kind, analysed_at from monitor_items where source_id = $1`, [source.id])).rows;
    expect(item).toHaveLength(1);
    expect(item[0].kind).toBe('post');
    expect(item[0].analysed_at).not.toBeNull();
  });
});

describe('manual entries', () => {
  it('fetches a pasted link and extracts its text; takes a pasted post', async () => {
    const p = await makePerson({ unitId: tree.dept.id, roles: ['focal_point'] });
    const c = makeClient();
    await c.login(p.email);
    const r = await c.request('POST', '/api/monitoring/entries', { unitId: tree.dept.id, kind: 'url', url: server.url('/trang.html') });
    expect(r.status).toBe(201);
    expect(r.json.title).toBe('Phụ huynh phản ánh xe đưa đón học sinh chở quá số người');
    expect(r.json.body).toContain('Nhà trường cho biết sẽ làm việc với nhà xe.');
    expect(r.json.link).toBe(server.url('/trang.html'));
    const again = await c.request('POST', '/api/monitoring/entries', { unitId: tree.dept.id, kind: 'url', url: `${server.url('/trang.html')}#x` });
    expect(again.json.id).toBe(r.json.id);
    const post = await c.request('POST', '/api/monitoring/entries', {
      unitId: tree.dept.id,
      kind: 'hotline',
      text: 'Người dân gọi đường dây nóng báo cổng trường bị ngập, học sinh phải lội nước.',
    });
    expect(post.status).toBe(201);
    expect(post.json.kind).toBe('hotline');
    const audit = await count(`select count(*) as n from audit_log where action = 'monitor.manual_entry'`);
    expect(audit).toBe(2);
  });
});
