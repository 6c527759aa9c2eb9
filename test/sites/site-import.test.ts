import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/jobs';
import { getArticle } from '../../src/modules/newsroom';
import { getSiteImport, listSiteImports, previewSource, reportCsv, runSiteImport, startSiteImport } from '../../src/modules/siteimport';
import { db } from '../../src/platform/db';
import { startJobs, stopJobs } from '../../src/platform/jobs';
import { type OldSite, startOldSite } from '../fixtures/old-site/site';
import { useTestDatabase } from '../support/db';
import { makePerson, makeTree } from '../support/factories';
import { makeClient } from '../support/http';

/**
 * Moving in from an old website, against a loopback "old site" (NukeViet,
 * WordPress and vendor-portal pages, a defaced page, a 404, an oversized page).
 * safeFetch refuses loopback addresses unless LOA_FETCH_ALLOW lists them.
 */
const state = useTestDatabase();
let site: OldSite;
const previousAllow = process.env.LOA_FETCH_ALLOW;
beforeAll(async () => {
  process.env.LOA_FETCH_ALLOW = '127.0.0.1';
  site = await startOldSite();
  await startJobs({ connectionString: state.url, isWorker: false });
});
afterAll(async () => {
  await stopJobs();
  await site?.close();
  if (previousAllow === undefined) delete process.env.LOA_FETCH_ALLOW;
  else process.env.LOA_FETCH_ALLOW = previousAllow;
});

async function setup() {
  const t = await makeTree();
  const admin = await makePerson({ unitId: t.school.id, roles: ['administrator'] });
  return { t, admin };
}
const articlesOf = async (unitId: number) =>
  (await db().query('select id, title, status, published_at as "publishedAt", body_html as "bodyHtml" from articles where unit_id = $1 order by published_at', [unitId])).rows;

describe('site import from an RSS feed', () => {
  it('takes the articles with their photos and dates, and reports what it did not take', async () => {
    const { t, admin } = await setup();
    const preview = await previewSource(`${site.url}/rss.xml`, 'rss');
    expect(preview.total).toBe(8);

    const run = await startSiteImport({ userId: admin.id }, { unitId: t.school.id, url: `${site.url}/rss.xml`, kind: 'rss', mode: 'publish' });
    expect(run.status).toBe('queued');
    await runSiteImport(run.id);
    const done = await getSiteImport(db(), run.id);
    expect(done).toMatchObject({ status: 'done', total: 8, done: 8, taken: 5, skipped: 1, failed: 2, percent: 100 });

    const byUrl = new Map(done.report.map((x) => [x.url.replace(site.url, ''), x]));
    expect(byUrl.get('/news/tin-tuc/bai-da-xoa-99.html')).toMatchObject({ outcome: 'failed', reason: 'Trang cũ trả về lỗi 404.' });
    expect(byUrl.get('/news/tin-tuc/album-hoi-trai-88.html')).toMatchObject({ outcome: 'failed', reason: 'Trang lớn hơn giới hạn 3 MB.' });
    expect(done.report.find((x) => x.url.startsWith('https://baodanang.example'))).toMatchObject({ outcome: 'skipped', reason: expect.stringContaining('trang web khác') });
    expect(site.hits).not.toContain('/news/tin-tuc/tin-cu-1.html');

    const articles = await articlesOf(t.school.id);
    expect(articles.map((a) => a.title)).toEqual([
      'Trường THCS Nguyễn Du khai giảng năm học 2026 - 2027',
      'Học sinh khối 7 trải nghiệm tại làng gốm Thanh Hà',
      'Hội giảng giáo viên dạy giỏi cấp trường',
      'Thông báo lịch kiểm tra giữa học kỳ I',
      'Kỷ niệm 44 năm ngày Nhà giáo Việt Nam 20/11',
    ]);
    expect(articles.every((a) => a.status === 'published')).toBe(true);
    // the original dates, Vietnam time: "Thứ hai, 07/09/2026 08:30" and "Thứ sáu, 16/10/2026 - 14:05"
    expect(new Date(articles[0].publishedAt).toISOString()).toBe('2026-09-07T01:30:00.000Z');
    expect(new Date(articles[1].publishedAt).toISOString()).toBe('2026-10-16T07:05:00.000Z');
    expect(new Date(articles[2].publishedAt).toISOString()).toBe('2026-10-20T02:15:00.000Z');

    // NukeViet: the lead photo (outside the text) and the photo in the text, re-encoded into our media store
    const opening = await getArticle(db(), articles[0].id);
    expect(opening.media).toHaveLength(2);
    expect(opening.summary).toBe('Sáng 5/9, hơn 900 học sinh cùng thầy cô dự lễ khai giảng trong không khí vui tươi.');
    expect(opening.bodyHtml).toMatch(/^<figure><img src="\/media\/[0-9a-f]{64}"/);
    expect(opening.bodyHtml).not.toContain(site.url.replace('http://', '') + '/uploads/news/2026_09/le-chao-co.png"');
    expect(opening.bodyHtml).toContain(`Nguồn: <a href="${site.url}/news/tin-tuc/khai-giang-nam-hoc-2026-2027-12.html"`);
    expect(opening.bodyHtml).toContain('href="https://moet.gov.vn/tintuc/khai-giang"');
    expect(opening.bodyHtml).not.toMatch(/<script|iframe|new_icon|Chia sẻ|Các tin khác|Bản quyền|Trang chủ/);
    // icons, ad banners and tracking pixels are never downloaded
    expect(site.hits).not.toContain('/uploads/banner-quangcao.gif');
    expect(site.hits).not.toContain('/stat/pixel.gif');
    expect(site.hits).not.toContain('/images/icons/new_icon.gif');
    const media = await db().query('select mime, width from media where unit_id = $1', [t.school.id]);
    expect(media.rows.length).toBe(6);
    expect(media.rows.every((m) => m.mime === 'image/jpeg')).toBe(true);

    // the defaced page: no spam link survives, the report says how many were dropped
    const defaced = articles.find((a) => a.title.startsWith('Kỷ niệm 44 năm'))!;
    expect(defaced.bodyHtml).not.toMatch(/nhacai|casino|keo-nha-cai|vay-tien|a\.example|kèo/);
    expect(defaced.bodyHtml).toContain('tuyên dương 12 giáo viên');
    expect(byUrl.get('/news/tin-tuc/ngay-nha-giao-viet-nam-15.html')?.notes?.join(' ')).toMatch(/Đã bỏ \d+ liên kết lạ/);

    // the vendor portal (no known container): found by text density, the menu is not taken
    const portal = articles.find((a) => a.title.startsWith('Học sinh khối 7'))!;
    expect(portal.bodyHtml).toContain('làng gốm Thanh Hà');
    expect(portal.bodyHtml).not.toMatch(/Tin chuyên môn|Thiết kế bởi/);

    // attached files become documents of the unit's library (type sniffed); the article links to the library's copy
    const notice = byUrl.get('/news/thong-bao/lich-kiem-tra-giua-ky-1-20.html')!;
    expect(notice.attachments?.map((a) => [a.url.replace(site.url, ''), a.status])).toEqual([
      ['/uploads/news/2026_10/lich-kiem-tra-giua-ky-1.pdf', 'taken'],
      ['/uploads/news/2026_10/phan-cong-coi-thi.xlsx', 'not_imported'],
    ]);
    expect(notice.attachments?.[1].reason).toContain('Chỉ nhận tệp PDF');
    expect(notice.notes?.join(' ')).toContain('Đã chuyển 1 tệp đính kèm vào thư viện văn bản');
    const docs = await db().query(
      `select d.id, d.doc_type as "docType", d.issuer, d.summary, d.issued_on::text as "issuedOn", f.id as "fileId", f.mime
         from documents d join document_files f on f.document_id = d.id where d.unit_id = $1 order by d.id`,
      [t.school.id],
    );
    expect(docs.rows.map((d) => [d.docType, d.summary, d.mime])).toEqual([
      ['khac', 'lịch kiểm tra (PDF)', 'application/pdf'],
      ['ke_hoach', 'Kế hoạch năm học 2026 - 2027', 'application/pdf'],
    ]);
    expect(docs.rows[1]).toMatchObject({ issuer: 'Trường THCS Thử', issuedOn: '2026-09-07' });
    const noticeArticle = articles.find((a) => a.title.startsWith('Thông báo lịch'))!;
    expect(noticeArticle.bodyHtml).toContain(`href="/van-ban/tep/${docs.rows[0].fileId}/`);
    expect(noticeArticle.bodyHtml).not.toContain(`${site.url}/uploads/news/2026_10/lich-kiem-tra-giua-ky-1.pdf`);
    expect(byUrl.get('/2026/10/20/hoi-giang-giao-vien-gioi/')?.attachments?.[0]).toMatchObject({ status: 'not_imported', reason: 'Trang cũ trả về lỗi 404.' });

    const audit = await db().query(`select action from audit_log where entity = 'article' and action = 'article.import' and unit_id = $1`, [t.school.id]);
    expect(audit.rowCount).toBe(5);

    // a second run of the same source takes nothing twice
    const again = await startSiteImport({ userId: admin.id }, { unitId: t.school.id, url: `${site.url}/rss.xml`, kind: 'rss', mode: 'publish' });
    await runSiteImport(again.id);
    const second = await getSiteImport(db(), again.id);
    expect(second).toMatchObject({ status: 'done', taken: 0, skipped: 6, failed: 2 });
    expect(second.report.filter((x) => x.reason === 'Đã chuyển ở lượt trước.')).toHaveLength(5);
    expect(await articlesOf(t.school.id)).toHaveLength(5);
    expect((await listSiteImports(db(), t.school.id)).map((r) => r.id)).toEqual([again.id, run.id]);
  });

  it('resumes after a worker is killed mid-run, without duplicates, and imports drafts when asked', async () => {
    const { t, admin } = await setup();
    const run = await startSiteImport({ userId: admin.id }, { unitId: t.school.id, url: `${site.url}/rss.xml`, kind: 'rss', mode: 'draft', limit: 5 });
    // the worker dies after committing two pages, while the third is prepared but not committed
    await expect(
      runSiteImport(run.id, {
        beforeCommit: (i) => {
          if (i === 2) throw new Error('worker killed');
        },
      }),
    ).rejects.toThrow('worker killed');
    const mid = await getSiteImport(db(), run.id);
    expect(mid).toMatchObject({ status: 'running', total: 5, done: 2, taken: 2, percent: 40 });
    expect(await articlesOf(t.school.id)).toHaveLength(2);

    await runSiteImport(run.id); // the retry
    const done = await getSiteImport(db(), run.id);
    expect(done).toMatchObject({ status: 'done', total: 5, done: 5, taken: 5, skipped: 0, failed: 0 });
    expect(done.report).toHaveLength(5);
    const articles = await articlesOf(t.school.id);
    expect(articles).toHaveLength(5);
    expect(articles.every((a) => a.status === 'draft')).toBe(true);
    expect(new Set(articles.map((a) => a.title)).size).toBe(5);
    await runSiteImport(run.id); // a late duplicate job does nothing
    expect(await articlesOf(t.school.id)).toHaveLength(5);
  });
});

describe('site import from a sitemap', () => {
  it('follows the sitemap index, skips listing pages and what was already taken', async () => {
    const { t, admin } = await setup();
    const preview = await previewSource(`${site.url}/`, 'sitemap');
    expect(preview.total).toBe(8);
    const run = await startSiteImport({ userId: admin.id }, { unitId: t.school.id, url: `${site.url}/sitemap.xml`, kind: 'sitemap', mode: 'publish', limit: 4 });
    await runSiteImport(run.id);
    const first = await getSiteImport(db(), run.id);
    expect(first).toMatchObject({ status: 'done', total: 4, taken: 4 });
    // newest lastmod first
    expect(first.report[0].title).toBe('Kỷ niệm 44 năm ngày Nhà giáo Việt Nam 20/11');

    const rest = await startSiteImport({ userId: admin.id }, { unitId: t.school.id, url: `${site.url}/sitemap.xml`, kind: 'sitemap', mode: 'publish' });
    await runSiteImport(rest.id);
    const second = await getSiteImport(db(), rest.id);
    expect(second).toMatchObject({ status: 'done', total: 8, taken: 1, skipped: 7, failed: 0 });
    // the home page and /contact/ are known by their address and never fetched; a category page is fetched and found to hold no article
    expect(second.report.filter((x) => x.reason?.startsWith('Trang danh sách')).map((x) => x.url.replace(site.url, ''))).toEqual(['/', '/contact/']);
    expect(second.report.find((x) => x.url.endsWith('/news/tin-tuc/'))).toMatchObject({ outcome: 'skipped', reason: 'Trang không có nội dung bài viết.' });
    expect(site.hits).not.toContain('/contact/');
    expect(await articlesOf(t.school.id)).toHaveLength(5);
  });
});

describe('site import safety and API', () => {
  it('refuses loopback and private addresses without the allow list', async () => {
    const { t, admin } = await setup();
    delete process.env.LOA_FETCH_ALLOW;
    try {
      await expect(previewSource(`${site.url}/rss.xml`, 'rss')).rejects.toMatchObject({ code: 'fetch.blocked_address' });
      const run = await startSiteImport({ userId: admin.id }, { unitId: t.school.id, url: `${site.url}/rss.xml`, kind: 'rss', mode: 'publish' });
      const before = site.hits.length;
      await runSiteImport(run.id);
      const failed = await getSiteImport(db(), run.id);
      expect(failed.status).toBe('failed');
      expect(failed.error).toContain('mạng nội bộ');
      expect(site.hits.length).toBe(before);
    } finally {
      process.env.LOA_FETCH_ALLOW = '127.0.0.1';
    }
    await expect(previewSource(`${site.url}/news/tin-tuc/khai-giang-nam-hoc-2026-2027-12.html`, 'rss')).rejects.toMatchObject({ code: 'siteimport.not_a_feed' });
    // a home page announcing its feed is followed to it
    expect((await previewSource(`${site.url}/`, 'rss')).total).toBe(8);
  });

  it('serves preview, start, progress, list and the CSV report to those with sites.write on the unit only', async () => {
    const { t, admin } = await setup();
    const contributor = await makePerson({ unitId: t.school.id, roles: ['contributor'] });
    const outsider = await makePerson({ unitId: t.otherSchool.id, roles: ['administrator'] });
    const c = makeClient();
    await c.login(admin.email);
    const preview = await c.post('/api/site-imports/preview', { unitId: t.school.id, url: `${site.url}/rss.xml`, kind: 'rss' });
    expect(preview.status).toBe(200);
    expect(preview.json.total).toBe(8);
    const bad = await c.post('/api/site-imports/preview', { unitId: t.school.id, url: `${site.url}/khong-co.xml`, kind: 'rss' });
    expect(bad.status).toBe(422);
    expect(bad.json.error.message).toContain('lỗi 404');

    const started = await c.post('/api/site-imports', { unitId: t.school.id, url: `${site.url}/rss.xml`, kind: 'rss', mode: 'draft', limit: 3 });
    expect(started.status).toBe(201);
    const busy = await c.post('/api/site-imports', { unitId: t.school.id, url: `${site.url}/rss.xml`, kind: 'rss' });
    expect(busy.status).toBe(409);
    await runSiteImport(started.json.id);
    const got = await c.get(`/api/site-imports/${started.json.id}`);
    expect(got.json).toMatchObject({ status: 'done', percent: 100, taken: 3 });
    const list = await c.get(`/api/site-imports?unitId=${t.school.id}`);
    expect(list.json.items[0]).toMatchObject({ id: started.json.id, taken: 3 });
    const csv = await c.get(`/api/site-imports/${started.json.id}/report.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('Địa chỉ trang cũ,Kết quả,Lý do,Tiêu đề,Mã bài viết,Số ảnh,Tệp đính kèm');
    expect(reportCsv(await getSiteImport(db(), started.json.id)).startsWith('\uFEFF')).toBe(true);
    expect(csv.text).toContain('Đã chuyển');

    for (const [who, path] of [
      [contributor, `/api/site-imports/${started.json.id}`],
      [outsider, `/api/site-imports/${started.json.id}`],
      [outsider, `/api/site-imports/${started.json.id}/report.csv`],
    ] as const) {
      const x = makeClient();
      await x.login(who.email);
      expect((await x.get(path)).status).toBe(403);
    }
    const x = makeClient();
    await x.login(outsider.email);
    expect((await x.post('/api/site-imports', { unitId: t.school.id, url: `${site.url}/rss.xml`, kind: 'rss' })).status).toBe(403);
  });
});
