import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/http/app';
import { articleSearchText } from '../src/modules/newsroom/html';
import { type MediaItem, uploadImage } from '../src/modules/newsroom/media.service';
import { db } from '../src/platform/db';
import { putFile } from '../src/platform/files';
import { slugify } from '../src/text';
import { useTestDatabase } from './support/db';
import { makePerson, makeTree, makeUnit } from './support/factories';

const PUBLIC_URL = 'https://cong.lamson.example.vn';
useTestDatabase({ LOA_PUBLIC_URL: PUBLIC_URL });

type Insert = {
  unitId: number;
  authorId: number;
  title: string;
  status?: string;
  summary?: string | null;
  bodyHtml?: string;
  themes?: string[];
  isOnPortal?: boolean;
  media?: MediaItem[];
  daysAgo?: number;
};

/** An article straight into the table (the body deliberately NOT sanitised: the page must still be safe). */
async function insertArticle(a: Insert) {
  const status = a.status ?? 'published';
  const when = new Date(Date.now() - (a.daysAgo ?? 0) * 86_400_000);
  const body = a.bodyHtml ?? '<p>Nội dung tin bài.</p>';
  const slug = `${slugify(a.title, 80)}-${Math.random().toString(36).slice(2, 7)}`;
  const r = await db().query<{ id: number }>(
    `insert into articles (unit_id, author_id, status, title, slug, summary, body_html, themes, cover_media_id,
                           is_on_sector_portal, published_at, search_text, updated_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) returning id`,
    [a.unitId, a.authorId, status, a.title, slug, a.summary ?? null, body, a.themes ?? [], a.media?.[0]?.id ?? null,
      a.isOnPortal ?? false, status === 'published' || status === 'withdrawn' ? when : null,
      articleSearchText({ title: a.title, summary: a.summary, bodyHtml: body }), when],
  );
  for (const [i, m] of (a.media ?? []).entries()) {
    await db().query('insert into article_media (article_id, media_id, position) values ($1,$2,$3)', [r.rows[0].id, m.id, i]);
  }
  return { id: r.rows[0].id, slug, path: `/tin-tuc/${slug}` };
}

async function photo(unitId: number, userId: number, caption: string, color = '#2e86de') {
  const png = await sharp({ create: { width: 1000, height: 640, channels: 3, background: color } }).png().toBuffer();
  return uploadImage({ userId }, { unitId, data: png, fileName: 'anh.png', mime: 'image/png', caption });
}

/**
 * A tiny well-formedness check (there is no XML library here): one root,
 * balanced and properly nested tags, quoted attributes, only the five named
 * entities or numeric ones, no stray `<` or `&`.
 */
function assertWellFormedXml(text: string) {
  expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  const stack: string[] = [];
  let roots = 0;
  const entity = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
  for (const [token] of text.matchAll(/<[^>]*>|[^<]+/g)) {
    if (token.startsWith('<?')) {
      expect(token).toMatch(/^<\?xml [^>]*\?>$/);
      continue;
    }
    if (!token.startsWith('<')) {
      expect(entity.test(token), `bad entity in ${JSON.stringify(token.slice(0, 80))}`).toBe(false);
      if (!stack.length) expect(token.trim()).toBe('');
      continue;
    }
    const close = /^<\/([A-Za-z_][\w:.-]*)\s*>$/.exec(token);
    if (close) {
      expect(stack.pop(), `unbalanced </${close[1]}>`).toBe(close[1]);
      continue;
    }
    const open = /^<([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*="[^"<]*")*)\s*(\/?)>$/.exec(token);
    expect(open, `malformed tag ${token.slice(0, 120)}`).not.toBeNull();
    expect(entity.test(open![2]), `bad entity in ${token}`).toBe(false);
    if (!stack.length) roots++;
    if (!open![3]) stack.push(open![1]);
  }
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
}

const links = (feed: string, re: RegExp) => [...feed.matchAll(re)].map((m) => m[1]);

let fx: Awaited<ReturnType<typeof setup>>;
async function setup() {
  const t = await makeTree();
  const school2 = await makeUnit({ parentId: t.commune.id, name: 'Trường Tiểu học Nguyễn Du', code: `P-ND-${Date.now()}` });
  const author = await makePerson({ unitId: t.school.id, name: 'Trịnh Thu Trang' });
  const cover = await photo(t.school.id, author.id, 'Học sinh nhận giải tại hội trường');
  const second = await photo(t.school.id, author.id, 'Các thầy cô chụp ảnh lưu niệm', '#27ae60');
  const main = await insertArticle({
    unitId: t.school.id, authorId: author.id, isOnPortal: true, daysAgo: 1, media: [cover, second],
    title: 'Học sinh Trường Nguyễn Du đạt giải Nhất cuộc thi <Tin học> trẻ',
    summary: 'Em học sinh lớp 9 giành giải Nhất bảng THCS.',
    themes: ['Thành tích học sinh'],
    bodyHtml: '<p>Đoạn mở đầu an toàn.</p><script>alert("xss")</script><p><img src="x" onerror="alert(2)">Đoạn hai <a href="javascript:alert(3)">liên kết</a>.</p>',
  });
  const unitOnly = await insertArticle({ unitId: school2.id, authorId: author.id, daysAgo: 2, themes: ['Chuyển đổi số'], title: 'Trường Tiểu học Nguyễn Du triển khai học bạ số' });
  const outside = await insertArticle({ unitId: t.otherSchool.id, authorId: author.id, daysAgo: 3, isOnPortal: true, title: 'Tin của tỉnh Khác về tuyển sinh' });
  const draft = await insertArticle({ unitId: t.school.id, authorId: author.id, status: 'draft', isOnPortal: true, themes: ['Thành tích học sinh'], title: 'Bản nháp bí mật zebracorn Nguyễn Du' });
  const submitted = await insertArticle({ unitId: t.school.id, authorId: author.id, status: 'submitted', isOnPortal: true, title: 'Bài chờ duyệt bí mật zebracorn' });
  const approved = await insertArticle({ unitId: t.school.id, authorId: author.id, status: 'approved', isOnPortal: true, title: 'Bài đã duyệt chưa đăng zebracorn' });
  const withdrawn = await insertArticle({ unitId: t.school.id, authorId: author.id, status: 'withdrawn', isOnPortal: true, title: 'Bài đã gỡ zebracorn' });
  return { t, school2, author, cover, second, main, unitOnly, outside, hidden: [draft, submitted, approved, withdrawn] };
}

beforeAll(async () => {
  fx = await setup();
});

describe('public news pages', () => {
  it('renders an article with OpenGraph, canonical and JSON-LD, photos with srcset, and a sanitised body', async () => {
    const app = createApp();
    const res = await app.request(fx.main.path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('lang="vi"');
    expect(html).toContain('<h1>Học sinh Trường Nguyễn Du đạt giải Nhất cuộc thi &lt;Tin học&gt; trẻ</h1>');
    expect(html).toContain('Trường THCS Thử');
    expect(html).toMatch(/<time datetime="[^"]+">\d{2}\/\d{2}\/\d{4}<\/time>/);
    expect(html).toContain('<meta property="og:type" content="article"/>');
    expect(html).toContain('<meta property="og:title" content="Học sinh Trường Nguyễn Du đạt giải Nhất cuộc thi &lt;Tin học&gt; trẻ"/>');
    expect(html).toContain(`<meta property="og:image" content="${PUBLIC_URL}${fx.cover.urls.large}"/>`);
    expect(html).toContain(`<meta property="og:url" content="${PUBLIC_URL}${fx.main.path}"/>`);
    expect(html).toContain(`<link rel="canonical" href="${PUBLIC_URL}${fx.main.path}"/>`);
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image"/>');
    expect(html).toContain('<meta property="og:description" content="Em học sinh lớp 9 giành giải Nhất bảng THCS."/>');
    const ld = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html);
    expect(ld).not.toBeNull();
    const data = JSON.parse(ld![1]);
    expect(data['@type']).toBe('NewsArticle');
    expect(data.headline).toBe('Học sinh Trường Nguyễn Du đạt giải Nhất cuộc thi <Tin học> trẻ');
    expect(data.image[0]).toBe(`${PUBLIC_URL}${fx.cover.urls.large}`);
    expect(data.author[0].name).toBe('Trịnh Thu Trang');
    // photos: medium as src, small/medium/large in srcset, caption as alt and figcaption
    expect(html).toContain(`src="${fx.cover.urls.medium}"`);
    expect(html).toMatch(new RegExp(`srcset="${fx.cover.urls.small} \\d+w, ${fx.cover.urls.medium} \\d+w, ${fx.cover.urls.large} \\d+w"`));
    expect(html).toContain('alt="Học sinh nhận giải tại hội trường"');
    expect(html).toContain('<figcaption>Các thầy cô chụp ảnh lưu niệm</figcaption>');
    // the body: kept text, no script, no handler, no javascript: link
    expect(html).toContain('Đoạn mở đầu an toàn.');
    expect(html).not.toContain('alert(');
    expect(html).not.toContain('onerror');
    expect(html).not.toContain('javascript:');
    expect(html.match(/<script/g)?.length).toBe(1); // only the JSON-LD data block
    expect(res.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
  });

  it('answers unknown, unpublished and malformed slugs with a Vietnamese 404, and a withdrawn article with 410', async () => {
    const app = createApp();
    for (const path of ['/tin-tuc/khong-co-bai-nay', `/tin-tuc/${fx.hidden[0].slug}`, `/tin-tuc/${fx.hidden[2].slug}`, '/tin-tuc/Sai%20Dinh%20Dang']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      const html = await res.text();
      expect(html).toContain('Không tìm thấy tin bài');
      expect(html).toContain('lang="vi"');
      expect(html).not.toContain('zebracorn');
    }
    const gone = await app.request(fx.hidden[3].path);
    expect(gone.status).toBe(410);
    const html = await gone.text();
    expect(html).toContain('đã được đơn vị gỡ xuống');
    expect(html).not.toContain('zebracorn');
    const other = await app.request('/trang-khong-ton-tai');
    expect(other.status).toBe(404);
    expect(await other.text()).toContain('Không tìm thấy trang bạn cần.');
  });

  it('lists sector news with thumbnails on /tin-tuc and the home page; a unit page lists its subtree; themes have pages', async () => {
    const app = createApp();
    const list = await (await app.request('/tin-tuc')).text();
    expect(list).toContain(`href="${fx.main.path}"`);
    expect(list).toContain(`href="${fx.outside.path}"`);
    expect(list).not.toContain(fx.unitOnly.path); // not picked for the sector portal
    expect(list).toContain(`src="${fx.cover.urls.small}"`);
    expect(list).toContain('href="/rss.xml"');
    const home = await (await app.request('/')).text();
    expect(home).toContain('Tin tức mới');
    expect(home).toContain(`href="${fx.main.path}"`);
    expect(home).toContain(`src="${fx.cover.urls.small}"`);
    expect(home).toContain('href="/tin-tuc"');

    const commune = await app.request(`/don-vi/${fx.t.commune.code}/tin-tuc`);
    expect(commune.status).toBe(200);
    const ch = await commune.text();
    expect(ch).toContain(fx.main.path);
    expect(ch).toContain(fx.unitOnly.path);
    expect(ch).not.toContain(fx.outside.path);
    const moved = await app.request(`/don-vi/${fx.t.commune.code}`);
    expect(moved.status).toBe(301);
    const unitPage = await (await app.request(moved.headers.get('location') as string)).text();
    expect(unitPage).toContain(`href="${moved.headers.get('location')}/tin-tuc"`);

    const missing = await app.request('/don-vi/KHONG-CO-MA-NAY/tin-tuc');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Không tìm thấy đơn vị');

    const theme = await app.request('/chu-de/thanh-tich-hoc-sinh');
    expect(theme.status).toBe(200);
    const th = await theme.text();
    expect(th).toContain('Chủ đề: Thành tích học sinh');
    expect(th).toContain(fx.main.path);
    expect(th).not.toContain(fx.unitOnly.path);
    expect(th).not.toContain('zebracorn');
    expect(list).toContain('href="/chu-de/thanh-tich-hoc-sinh"');
    expect((await app.request('/chu-de/khong-co-chu-de')).status).toBe(404);
  });

  it('searches with or without diacritics and shows a form for an empty query', async () => {
    const app = createApp();
    for (const q of ['nguyen du', 'Nguyễn Du', 'NGUYEN DU giai nhat', 'hoc sinh', 'Học sinh', 'tin hoc tre']) {
      const html = await (await app.request(`/tim-kiem?q=${encodeURIComponent(q)}`)).text();
      expect(html, q).toContain(`href="${fx.main.path}"`);
      expect(html).not.toContain('zebracorn');
    }
    const both = await (await app.request('/tim-kiem?q=nguyen+du')).text();
    expect(both).toContain(fx.unitOnly.path);
    expect(both).toMatch(/Tìm thấy 2 tin bài/);
    const empty = await app.request('/tim-kiem');
    expect(empty.status).toBe(200);
    const form = await empty.text();
    expect(form).toContain('<form class="search" action="/tim-kiem"');
    expect(form).not.toContain('role="status"');
    const hidden = await (await app.request('/tim-kiem?q=zebracorn')).text();
    expect(hidden).toContain('Không tìm thấy tin bài nào');
    expect(hidden).not.toContain('href="/tin-tuc/');
    const odd = await app.request('/tim-kiem?q=%25%5F%27%22%3C');
    expect(odd.status).toBe(200);
  });

  it('publishes well-formed RSS 2.0 and Atom feeds with the same article URLs, sector-wide and per unit', async () => {
    const app = createApp();
    const rssRes = await app.request('/rss.xml');
    expect(rssRes.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const rss = await rssRes.text();
    assertWellFormedXml(rss);
    expect(rss).toContain('<rss version="2.0"');
    expect(rss).toContain(`<atom:link href="${PUBLIC_URL}/rss.xml" rel="self" type="application/rss+xml"/>`);
    expect(rss).toContain('<title>Học sinh Trường Nguyễn Du đạt giải Nhất cuộc thi &lt;Tin học&gt; trẻ</title>');
    const atomRes = await app.request('/atom.xml');
    expect(atomRes.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const atom = await atomRes.text();
    assertWellFormedXml(atom);
    expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    const rssLinks = links(rss, /<item>.*?<link>([^<]+)<\/link>/g);
    const atomLinks = links(atom, /<entry>.*?<link rel="alternate" type="text\/html" href="([^"]+)"\/>/g);
    expect(rssLinks).toEqual(atomLinks);
    expect(rssLinks).toContain(`${PUBLIC_URL}${fx.main.path}`);
    expect(rssLinks).toContain(`${PUBLIC_URL}${fx.outside.path}`);
    expect(rssLinks).not.toContain(`${PUBLIC_URL}${fx.unitOnly.path}`);
    for (const l of rssLinks) expect(l).toMatch(new RegExp(`^${PUBLIC_URL}/tin-tuc/[a-z0-9-]+$`));
    expect(rss + atom).not.toContain('zebracorn');

    const unitRss = await (await app.request(`/don-vi/${fx.t.commune.code}/rss.xml`)).text();
    const unitAtom = await (await app.request(`/don-vi/${fx.t.commune.code}/atom.xml`)).text();
    assertWellFormedXml(unitRss);
    assertWellFormedXml(unitAtom);
    const u1 = links(unitRss, /<item>.*?<link>([^<]+)<\/link>/g);
    expect(u1).toEqual(links(unitAtom, /<entry>.*?<link rel="alternate" type="text\/html" href="([^"]+)"\/>/g));
    expect(u1.sort()).toEqual([`${PUBLIC_URL}${fx.main.path}`, `${PUBLIC_URL}${fx.unitOnly.path}`].sort());
    expect((await app.request('/don-vi/KHONG-CO/rss.xml')).status).toBe(404);

    const search = await (await app.request('/tim-kiem?q=hoc+ba+so')).text();
    expect(search).toContain(`href="${fx.unitOnly.path}"`);
  });

  it('lists home, news, every published article and unit pages in the sitemap, and no unpublished article', async () => {
    const res = await createApp().request('/sitemap.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/xml');
    const xml = await res.text();
    assertWellFormedXml(xml);
    // unit pages are listed at their site slug, where /don-vi/<code> redirects
    const siteOf = async (code: string) => (await createApp().request(`/don-vi/${code}`)).headers.get('location') as string;
    const school = await siteOf(fx.t.school.code);
    const commune = await siteOf(fx.t.commune.code);
    expect(school).toMatch(/^\/don-vi\/[a-z0-9-]+$/);
    expect(xml).not.toContain(`/don-vi/${fx.t.school.code}</loc>`);
    for (const path of ['/', '/tin-tuc', fx.main.path, fx.unitOnly.path, fx.outside.path, school, `${commune}/tin-tuc`]) {
      expect(xml, path).toContain(`<loc>${PUBLIC_URL}${path}</loc>`);
    }
    for (const h of fx.hidden) expect(xml).not.toContain(h.slug);
  });

  it('sends ETags and answers 304 to a matching If-None-Match; a change gives a new ETag', async () => {
    const app = createApp();
    for (const path of ['/', '/tin-tuc', fx.main.path, '/rss.xml', '/atom.xml', '/sitemap.xml', '/tim-kiem?q=nguyen+du', `/don-vi/${fx.t.commune.code}/tin-tuc`, '/don-vi']) {
      const first = await app.request(path);
      expect(first.status, path).toBe(200);
      const etag = first.headers.get('etag');
      expect(etag, path).toMatch(/^W\/".+"$/);
      expect(first.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
      const again = await app.request(path, { headers: { 'if-none-match': etag as string } });
      expect(again.status, path).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
      const other = await app.request(path, { headers: { 'if-none-match': 'W/"something-else"' } });
      expect(other.status).toBe(200);
    }
    // a correction to the article changes its page and its ETag, on every node (validated against the database)
    const before = await app.request(fx.main.path);
    const etag = before.headers.get('etag') as string;
    const listEtag = (await app.request('/tin-tuc')).headers.get('etag') as string;
    await db().query(`update articles set correction_note = 'Sửa tên cuộc thi cho đúng.', corrected_at = now(), updated_at = now(), version = version + 1 where id = $1`, [fx.main.id]);
    const after = await app.request(fx.main.path, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(await after.text()).toContain('Sửa tên cuộc thi cho đúng.');
    expect((await app.request('/tin-tuc', { headers: { 'if-none-match': listEtag } })).status).toBe(200);
    // withdrawing takes it off the list at once
    const unitEtag = (await app.request(`/don-vi/${fx.school2.code}/tin-tuc`)).headers.get('etag') as string;
    await db().query(`update articles set status = 'withdrawn', withdrawn_at = now() where id = $1`, [fx.unitOnly.id]);
    const unitAfter = await app.request(`/don-vi/${fx.school2.code}/tin-tuc`, { headers: { 'if-none-match': unitEtag } });
    expect(unitAfter.status).toBe(200);
    expect(await unitAfter.text()).not.toContain(fx.unitOnly.path);
    expect((await app.request(fx.unitOnly.path)).status).toBe(410);
    await db().query(`update articles set status = 'published', withdrawn_at = null, updated_at = now() where id = $1`, [fx.unitOnly.id]);
  });

  it('serves photo files by key with immutable caching, and refuses bad or foreign keys', async () => {
    const app = createApp();
    const key = fx.cover.urls.medium.replace('/media/', '');
    const res = await app.request(`/media/${key}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('etag')).toBe(`"${key}"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([bytes[0], bytes[1], bytes[2]]).toEqual([0xff, 0xd8, 0xff]);
    expect((await sharp(Buffer.from(bytes)).metadata()).width).toBe(800);
    const again = await app.request(`/media/${key}`, { headers: { 'if-none-match': `"${key}"` } });
    expect(again.status).toBe(304);
    for (const bad of ['abc', key.toUpperCase(), `${key}0`, '..%2F..%2Fetc%2Fpasswd', `${key.slice(0, 63)}g`, '0'.repeat(64)]) {
      expect((await app.request(`/media/${bad}`)).status, bad).toBe(404);
    }
    // a stored file that is not a photo variant (e.g. a scanned consent form) is never served
    const foreign = await putFile(Buffer.from('bản scan giấy đồng ý'));
    expect((await app.request(`/media/${foreign.key}`)).status).toBe(404);
  });

  it('never shows drafts, submitted, approved-but-unpublished or withdrawn articles anywhere public', async () => {
    const app = createApp();
    const pages = ['/', '/tin-tuc', '/tin-tuc?trang=2', `/don-vi/${fx.t.school.code}/tin-tuc`, `/don-vi/${fx.t.root.code}/tin-tuc`, '/chu-de/thanh-tich-hoc-sinh',
      '/tim-kiem?q=zebracorn', '/tim-kiem?q=bi+mat', '/rss.xml', '/atom.xml', `/don-vi/${fx.t.school.code}/rss.xml`, `/don-vi/${fx.t.school.code}/atom.xml`, '/sitemap.xml'];
    for (const path of pages) {
      const body = await (await app.request(path)).text();
      for (const title of ['Bản nháp bí mật', 'Bài chờ duyệt', 'Bài đã duyệt chưa đăng', 'Bài đã gỡ']) expect(body, path).not.toContain(title);
      for (const h of fx.hidden) expect(body, path).not.toContain(h.slug);
    }
  });
});
