import { describe, expect, it } from 'vitest';
import { extractArticle, htmlToText } from '../../src/modules/monitoring/extract';
import { FeedError, MAX_ITEMS_PER_FEED, parseFeed } from '../../src/modules/monitoring/feeds';
import { canonicalUrl } from '../../src/modules/monitoring/items.service';
import { adaptiveInterval, backoffSeconds, MAX_INTERVAL_S, MIN_INTERVAL_S } from '../../src/modules/monitoring/poll.service';

/** Feed parsing (pure): RSS 2.0, RSS 1.0, Atom, JSON Feed, news sitemaps, and what is refused. */
const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Báo Sông Tiền - Giáo dục</title>
  <item>
    <title>Trường THCS Phan Bội Châu tổ chức ngày hội đọc sách</title>
    <link>https://songtien.example.vn/giao-duc/ngay-hoi-doc-sach.html?utm_source=rss&amp;utm_medium=feed</link>
    <guid isPermaLink="false">st-1001</guid>
    <description><![CDATA[<p>Hơn 800 học sinh tham gia <b>ngày hội đọc sách</b> &amp; giao lưu tác giả.</p>]]></description>
    <content:encoded><![CDATA[<p>Hơn 800 học sinh tham gia ngày hội đọc sách và giao lưu với nhà văn.</p><p>Thư viện trường nhận thêm 1.200 đầu sách.</p>]]></content:encoded>
    <dc:creator>Minh Khôi</dc:creator>
    <pubDate>Tue, 06 Oct 2026 09:30:00 +0700</pubDate>
  </item>
  <item>
    <title>Phụ huynh phản ánh bếp ăn bán trú thiếu vệ sinh</title>
    <link>https://songtien.example.vn/giao-duc/bep-an-ban-tru.html</link>
    <description>Nhiều phụ huynh gửi ảnh khu bếp ẩm thấp.</description>
    <pubDate>06/10/2026 14:05</pubDate>
  </item>
</channel>
</rss>`;

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Cổng tin Giáo dục Cửu Long</title>
  <entry>
    <title type="html">Tuyển sinh lớp 10: thêm 300 chỉ tiêu</title>
    <link rel="alternate" href="https://cuulong.example.vn/tuyen-sinh-lop-10"/>
    <link rel="enclosure" href="https://cuulong.example.vn/anh.jpg"/>
    <id>tag:cuulong.example.vn,2026:tuyen-sinh-10</id>
    <updated>2026-10-07T08:00:00+07:00</updated>
    <published>2026-10-07T07:45:00+07:00</published>
    <author><name>Thanh Hà</name></author>
    <summary>Sở bổ sung chỉ tiêu cho ba trường THPT.</summary>
  </entry>
</feed>`;

const jsonFeed = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Tin nhanh Giáo dục',
  items: [
    {
      id: 'jf-1',
      url: 'https://tinnhanh.example.vn/bai/1',
      title: 'Giáo viên vùng lũ vượt nước đưa học sinh đến trường',
      content_html: '<p>Thầy cô dùng xuồng đưa <em>học sinh</em> qua đoạn đường ngập.</p>',
      date_published: '2026-10-08T06:00:00+07:00',
      authors: [{ name: 'Ngọc Ánh' }],
    },
    { id: 2, title: 'Không có đường dẫn', content_text: 'Chỉ có nội dung.' },
    'rác',
  ],
});

const sitemap = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://baodongbang.example.vn/giao-duc/hoc-bong-vuot-kho.html</loc>
    <news:news>
      <news:publication><news:name>Báo Đồng Bằng</news:name><news:language>vi</news:language></news:publication>
      <news:publication_date>2026-10-09T10:00:00+07:00</news:publication_date>
      <news:title>Trao 200 suất học bổng cho học sinh vượt khó</news:title>
      <news:keywords>học bổng, học sinh nghèo</news:keywords>
    </news:news>
  </url>
  <url><loc>https://baodongbang.example.vn/the-thao/bong-da.html</loc><lastmod>2026-10-09</lastmod></url>
</urlset>`;

describe('parseFeed', () => {
  it('reads RSS 2.0 with HTML descriptions, content:encoded, creators and both date styles', () => {
    const f = parseFeed(rss);
    expect(f.format).toBe('rss');
    expect(f.title).toBe('Báo Sông Tiền - Giáo dục');
    expect(f.items).toHaveLength(2);
    const [a, b] = f.items;
    expect(a.guid).toBe('st-1001');
    // the link exactly as the feed gave it (entities decoded)
    expect(a.link).toBe('https://songtien.example.vn/giao-duc/ngay-hoi-doc-sach.html?utm_source=rss&utm_medium=feed');
    expect(a.body).toContain('Thư viện trường nhận thêm 1.200 đầu sách.');
    expect(a.body).not.toContain('<');
    expect(a.author).toBe('Minh Khôi');
    expect(a.publishedAt?.toISOString()).toBe('2026-10-06T02:30:00.000Z');
    // no <guid>: the link is the id; dd/mm/yyyy hh:mm is Vietnam time
    expect(b.guid).toBe('https://songtien.example.vn/giao-duc/bep-an-ban-tru.html');
    expect(b.publishedAt?.toISOString()).toBe('2026-10-06T07:05:00.000Z');
  });

  it('reads Atom (alternate link, published before updated, author name)', () => {
    const f = parseFeed(atom);
    expect(f.format).toBe('atom');
    expect(f.items[0]).toMatchObject({
      guid: 'tag:cuulong.example.vn,2026:tuyen-sinh-10',
      link: 'https://cuulong.example.vn/tuyen-sinh-lop-10',
      title: 'Tuyển sinh lớp 10: thêm 300 chỉ tiêu',
      body: 'Sở bổ sung chỉ tiêu cho ba trường THPT.',
      author: 'Thanh Hà',
    });
    expect(f.items[0].publishedAt?.toISOString()).toBe('2026-10-07T00:45:00.000Z');
  });

  it('reads JSON Feed and skips entries that are not objects', () => {
    const f = parseFeed(Buffer.from(jsonFeed));
    expect(f.format).toBe('json');
    expect(f.items).toHaveLength(2);
    expect(f.items[0]).toMatchObject({ guid: 'jf-1', link: 'https://tinnhanh.example.vn/bai/1', author: 'Ngọc Ánh' });
    expect(f.items[0].body).toBe('Thầy cô dùng xuồng đưa học sinh qua đoạn đường ngập.');
    expect(f.items[1]).toMatchObject({ guid: '2', link: null, body: 'Chỉ có nội dung.' });
  });

  it('reads a Google news sitemap and a plain urlset', () => {
    const f = parseFeed(sitemap);
    expect(f.format).toBe('sitemap');
    expect(f.items).toHaveLength(2);
    expect(f.items[0]).toMatchObject({ title: 'Trao 200 suất học bổng cho học sinh vượt khó', author: 'Báo Đồng Bằng', body: 'học bổng, học sinh nghèo' });
    expect(f.items[0].publishedAt?.toISOString()).toBe('2026-10-09T03:00:00.000Z');
    expect(f.items[1].link).toBe('https://baodongbang.example.vn/the-thao/bong-da.html');
  });

  it('lists the child sitemaps of a sitemap index, newest first', () => {
    const f = parseFeed(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://x.example.vn/s-1.xml</loc><lastmod>2026-10-01</lastmod></sitemap>
      <sitemap><loc>https://x.example.vn/s-2.xml</loc><lastmod>2026-10-05</lastmod></sitemap></sitemapindex>`);
    expect(f.sitemaps).toEqual(['https://x.example.vn/s-2.xml', 'https://x.example.vn/s-1.xml']);
  });

  it('refuses truncated XML, HTML pages, bad JSON and empty documents with a FeedError', () => {
    const cases: [string, string][] = [
      [rss.slice(0, rss.indexOf('</item>') - 20), 'feed.malformed'],
      ['<!doctype html><html><body><p>Trang chủ</p></body></html>', 'feed.not_a_feed'],
      ['{"items": [', 'feed.malformed'],
      ['{"tieuDe": "không phải feed"}', 'feed.not_a_feed'],
      ['   ', 'feed.empty_document'],
      ['Xin chào', 'feed.not_a_feed'],
      ['<opml><body/></opml>', 'feed.not_a_feed'],
    ];
    for (const [doc, code] of cases) {
      let caught: unknown;
      try {
        parseFeed(doc);
      } catch (e) {
        caught = e;
      }
      expect(caught, doc.slice(0, 40)).toBeInstanceOf(FeedError);
      expect((caught as FeedError).code).toBe(code);
    }
  });

  it('caps the number of items of one document', () => {
    const many = `<rss><channel>${Array.from({ length: MAX_ITEMS_PER_FEED + 50 }, (_, i) => `<item><title>Tin ${i}</title><guid>g${i}</guid></item>`).join('')}</channel></rss>`;
    expect(parseFeed(many).items).toHaveLength(MAX_ITEMS_PER_FEED);
  });
});

describe('canonicalUrl', () => {
  it('drops tracking parameters, fragments, www., default ports; sorts what is left', () => {
    expect(canonicalUrl('http://WWW.BaoSongTien.example.vn:80/tin/1.html?utm_source=fb&b=2&fbclid=abc&a=1#binh-luan')).toBe(
      'https://baosongtien.example.vn/tin/1.html?a=1&b=2',
    );
    expect(canonicalUrl('https://m.baosongtien.example.vn/tin/1.html/')).toBe('https://baosongtien.example.vn/tin/1.html');
    expect(canonicalUrl('javascript:alert(1)')).toBeNull();
    expect(canonicalUrl('không phải địa chỉ')).toBeNull();
  });
});

describe('text extraction', () => {
  it('turns HTML into text with line breaks between blocks', () => {
    expect(htmlToText('<p>Dòng một</p><p>Dòng&nbsp;hai <script>x()</script></p>')).toBe('Dòng một\nDòng hai');
  });
  it('finds the article of a news page', () => {
    const page = `<html><head><title>Báo X</title><meta property="og:title" content="Học sinh đuối nước khi tắm sông">
      <meta property="article:published_time" content="2026-10-10T16:00:00+07:00"><link rel="canonical" href="https://x.example.vn/tin/7"></head>
      <body><nav><a href="/">Trang chủ</a></nav><div class="menu"><p>Thời sự</p></div>
      <div class="detail"><p>Chiều 10/10, hai học sinh lớp 7 rủ nhau tắm sông.</p><p>Người dân đã kịp cứu một em.</p></div>
      <footer><p>Bản quyền</p></footer></body></html>`;
    const a = extractArticle(page);
    expect(a.title).toBe('Học sinh đuối nước khi tắm sông');
    expect(a.text).toBe('Chiều 10/10, hai học sinh lớp 7 rủ nhau tắm sông.\nNgười dân đã kịp cứu một em.');
    expect(a.canonical).toBe('https://x.example.vn/tin/7');
    expect(a.publishedAt?.toISOString()).toBe('2026-10-10T09:00:00.000Z');
  });
});

describe('poll schedule', () => {
  it('adapts to the publishing rate within bounds', () => {
    const t0 = Date.UTC(2026, 9, 1);
    const every = (min: number, n = 10) => Array.from({ length: n }, (_, i) => new Date(t0 - i * min * 60_000));
    expect(adaptiveInterval(every(20))).toBe(600); // one item every 20 min → poll every 10 min
    expect(adaptiveInterval(every(1))).toBe(MIN_INTERVAL_S);
    expect(adaptiveInterval(every(24 * 60))).toBe(MAX_INTERVAL_S);
    expect(adaptiveInterval([new Date(t0), null])).toBe(900);
  });
  it('backs off exponentially, capped, with jitter', () => {
    expect(backoffSeconds(600, 1, () => 0.5)).toBe(600);
    expect(backoffSeconds(600, 3, () => 0.5)).toBe(2400);
    expect(backoffSeconds(600, 20, () => 0.5)).toBe(6 * 3600);
    expect(backoffSeconds(600, 2, () => 0)).toBe(1080);
  });
});
