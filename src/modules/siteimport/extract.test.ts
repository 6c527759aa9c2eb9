import { describe, expect, it } from 'vitest';
import {
  decodeBody,
  detectSourceKind,
  extractArticle,
  isContentImage,
  isLikelyListingUrl,
  parseFeedItems,
  parseSitemap,
  parseVietnameseDate,
  rewriteImages,
} from './extract';

const base = 'https://thcs-lequydon.edu.vn';

describe('parseVietnameseDate', () => {
  it.each([
    ['Thứ hai, 12/09/2026 08:30', '2026-09-12T01:30:00.000Z'],
    ['Thứ sáu, 16/10/2026 - 14:05', '2026-10-16T07:05:00.000Z'],
    ['12-9-2026 8h30', '2026-09-12T01:30:00.000Z'],
    ['08:30 12/09/2026', '2026-09-12T01:30:00.000Z'],
    ['Cập nhật: 03.01.2027', '2027-01-02T17:00:00.000Z'],
    ['Hà Nội, ngày 5 tháng 9 năm 2026', '2026-09-04T17:00:00.000Z'],
    ['2026-10-20T09:15:00+07:00', '2026-10-20T02:15:00.000Z'],
    ['2026-10-20', '2026-10-19T17:00:00.000Z'],
    ['Tue, 20 Oct 2026 02:15:00 GMT', '2026-10-20T02:15:00.000Z'],
  ])('%s', (raw, iso) => {
    expect(parseVietnameseDate(raw)?.toISOString()).toBe(iso);
  });
  it('refuses what is not a date', () => {
    expect(parseVietnameseDate('Lượt xem: 1234')).toBeNull();
    expect(parseVietnameseDate('45/13/2026')).toBeNull();
    expect(parseVietnameseDate('')).toBeNull();
  });
});

describe('feeds and sitemaps', () => {
  it('reads RSS 2.0 and Atom items with absolute links, once each', () => {
    const rss = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin tức</title>
      <item><title>Lễ tri ân thầy cô</title><link>/news/tin-tuc/le-tri-an-31.html</link><pubDate>Fri, 20 Nov 2026 01:00:00 GMT</pubDate>
        <description><![CDATA[<img src="/a.jpg"><p>Buổi lễ <b>xúc động</b> của học trò.</p>]]></description></item>
      <item><title>Lễ tri ân thầy cô</title><link>${base}/news/tin-tuc/le-tri-an-31.html</link></item>
      <item><title>Giải bóng đá học sinh</title><link>${base}/news/the-thao/bong-da-32.html</link></item></channel></rss>`;
    expect(detectSourceKind(rss)).toBe('rss');
    expect(parseFeedItems(rss, base)).toEqual([
      { url: `${base}/news/tin-tuc/le-tri-an-31.html`, title: 'Lễ tri ân thầy cô', date: '2026-11-20T01:00:00.000Z', summary: 'Buổi lễ xúc động của học trò.' },
      { url: `${base}/news/the-thao/bong-da-32.html`, title: 'Giải bóng đá học sinh', date: null, summary: null },
    ]);
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Trường</title>
      <entry><title>Hội khỏe Phù Đổng</title><link href="${base}/2026/11/hoi-khoe/"/><id>tag:1</id><updated>2026-11-02T08:00:00+07:00</updated></entry></feed>`;
    expect(detectSourceKind(atom)).toBe('atom');
    expect(parseFeedItems(atom, base)).toMatchObject([{ url: `${base}/2026/11/hoi-khoe/`, title: 'Hội khỏe Phù Đổng', date: '2026-11-02T01:00:00.000Z' }]);
  });

  it('reads a sitemap index and a sitemap, newest first', () => {
    const index = `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>${base}/sitemap-news.xml</loc></sitemap></sitemapindex>`;
    expect(detectSourceKind(index)).toBe('sitemapindex');
    expect(parseSitemap(index, base)).toEqual({ items: [], sitemaps: [`${base}/sitemap-news.xml`] });
    const map = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>${base}/a.html</loc><lastmod>2026-01-02</lastmod></url><url><loc>${base}/b.html</loc><lastmod>2026-03-04</lastmod></url>
      <url><loc>${base}/c.html</loc></url></urlset>`;
    expect(parseSitemap(map, base).items.map((x) => x.url.slice(base.length))).toEqual(['/b.html', '/a.html', '/c.html']);
    expect(detectSourceKind('<!DOCTYPE html><html><body>x</body></html>')).toBe('html');
  });

  it('knows listing, category and contact pages by their address', () => {
    expect(isLikelyListingUrl(`${base}/`)).toBe(true);
    expect(isLikelyListingUrl(`${base}/index.php?language=vi`)).toBe(true);
    expect(isLikelyListingUrl(`${base}/lien-he/`)).toBe(true);
    expect(isLikelyListingUrl(`${base}/category/tin-tuc/page/3/`)).toBe(true);
    expect(isLikelyListingUrl(`${base}/news/tin-tuc/le-tri-an-31.html`)).toBe(false);
    expect(isLikelyListingUrl(`${base}/index.php?nv=news&op=tin-tuc/le-tri-an-31`)).toBe(false);
  });
});

describe('extractArticle', () => {
  it('takes a WordPress post: title, date, text, images, attachments; drops share bars and related posts', () => {
    const html = `<html><head><title>Ngày hội đọc sách &#8211; Trường Tiểu học Kim Đồng</title>
      <meta property="og:description" content="Học sinh toàn trường tham gia ngày hội đọc sách.">
      <meta property="article:published_time" content="2026-04-21T07:45:00+07:00"><script>var x=1</script></head><body>
      <article><header><h1 class="entry-title">Ngày hội đọc sách</h1></header>
      <div class="entry-content"><p>Sáng 21/4, hơn 600 học sinh Trường Tiểu học Kim Đồng tham gia ngày hội đọc sách với nhiều hoạt động bổ ích.</p>
      <p><img data-src="/wp-content/uploads/2026/04/doc-sach.jpg" src="data:image/gif;base64,R0lGOD" alt="Các em đọc sách"></p>
      <p><img src="/wp-includes/images/smilies/icon_smile.gif" alt=":)"></p>
      <p>Thư viện trường trưng bày hơn 2.000 đầu sách; <a href="/wp-content/uploads/2026/04/Danh-muc-sach.xlsx">danh mục sách</a> gửi kèm.</p>
      <iframe src="https://www.youtube.com/embed/x"></iframe>
      <div class="sharedaddy"><a href="https://facebook.com/sharer">Chia sẻ</a></div>
      <div class="jp-relatedposts">Bài viết liên quan</div></div></article></body></html>`;
    const a = extractArticle(html, `${base}/2026/04/21/ngay-hoi-doc-sach/`);
    expect(a.title).toBe('Ngày hội đọc sách');
    expect(a.date?.toISOString()).toBe('2026-04-21T00:45:00.000Z');
    expect(a.summary).toBe('Học sinh toàn trường tham gia ngày hội đọc sách.');
    expect(a.images).toEqual([{ src: `${base}/wp-content/uploads/2026/04/doc-sach.jpg`, alt: 'Các em đọc sách' }]);
    expect(a.attachments).toEqual([{ url: `${base}/wp-content/uploads/2026/04/Danh-muc-sach.xlsx`, name: 'danh mục sách', ext: 'xlsx' }]);
    expect(a.bodyHtml).not.toMatch(/iframe|Chia sẻ|liên quan|smilies|data:image|<h1/);
    expect(a.bodyHtml).toContain(`<img src="${base}/wp-content/uploads/2026/04/doc-sach.jpg" alt="Các em đọc sách">`);
  });

  it('takes a NukeViet page: date from the title line, lead photo, attachment block outside the text', () => {
    const html = `<html><head><meta property="og:image" content="/uploads/news/2026_05/tot-nghiep.jpg"></head><body>
      <div class="news_column"><h1 class="title">Lễ tổng kết năm học 2025 - 2026</h1><span class="h5">Thứ bảy, 23/05/2026 07:30</span>
      <div id="news-bodyhtml" class="bodytext"><p>Sáng 23/5, nhà trường tổ chức lễ tổng kết năm học và tuyên dương học sinh xuất sắc, học sinh giỏi các cấp.</p></div>
      <div class="download"><a href="/index.php?nv=news&op=down&file=Quyet-dinh-khen-thuong.pdf">Quyết định khen thưởng</a></div></div></body></html>`;
    const a = extractArticle(html, `${base}/news/tin-tuc/tong-ket-45.html`);
    expect(a.title).toBe('Lễ tổng kết năm học 2025 - 2026');
    expect(a.date?.toISOString()).toBe('2026-05-23T00:30:00.000Z');
    expect(a.images[0]).toEqual({ src: `${base}/uploads/news/2026_05/tot-nghiep.jpg`, alt: 'Lễ tổng kết năm học 2025 - 2026' });
    expect(a.attachments).toMatchObject([{ name: 'Quyết định khen thưởng', ext: 'pdf' }]);
  });

  it('finds the text of an unknown portal by its density, not the menu', () => {
    const menu = Array.from({ length: 12 }, (_, i) => `<a href="/muc/${i}">Chuyên mục số ${i}</a><br>`).join('');
    const html = `<html><body><table><tr><td class="left">${menu}</td><td><div class="ct">
      <div class="tieude">Học sinh giỏi cấp tỉnh</div><div class="ngay">Thứ tư, 11/03/2026</div>
      <div class="nd"><p>Năm học này, đội tuyển học sinh giỏi của trường đạt 18 giải cấp tỉnh, trong đó có 2 giải nhất môn Ngữ văn và Hóa học.</p>
      <p>Thầy cô bồi dưỡng đội tuyển đã dành nhiều buổi chiều và ngày nghỉ để ôn luyện, cùng các em vượt qua những đề thi khó.</p></div></div></td></tr></table></body></html>`;
    const a = extractArticle(html, `${base}/tin/123`);
    expect(a.text).toContain('18 giải cấp tỉnh');
    expect(a.text).not.toContain('Chuyên mục');
    expect(a.date?.toISOString()).toBe('2026-03-10T17:00:00.000Z');
  });

  it('removes injected spam: hidden blocks, tiny links, spam words, link farms; keeps honest outside links', () => {
    const html = `<html><body><div class="entry-content">
      <p>Trường tổ chức tập huấn phòng chống đuối nước cho học sinh trong dịp hè, với sự hướng dẫn của cán bộ cứu hộ thành phố.</p>
      <div style="position:absolute; left:-9999px"><a href="https://slot-game.example/">slot game</a></div>
      <span hidden><a href="https://x.example/">x</a></span>
      <p>Xem hướng dẫn của <a href="https://moet.gov.vn/huong-dan">Bộ Giáo dục và Đào tạo</a> và <a href="https://nha-cai.example/">nhà cái uy tín</a>.</p>
      <p><a href="https://s1.example/">a</a> <a href="https://s2.example/">b</a> <a href="https://s3.example/">c</a></p>
      <p><a style="font-size:1px" href="https://tai-xiu.example/">tài xỉu</a></p></div></body></html>`;
    const a = extractArticle(html, `${base}/tin/5`);
    expect(a.bodyHtml).toContain('https://moet.gov.vn/huong-dan');
    expect(a.bodyHtml).not.toMatch(/slot|x\.example|nha-cai|s1\.example|tai-xiu/);
    expect(a.spamLinksRemoved).toBe(7);
  });

  it('skips icons, logos, ad banners and tracking pixels', () => {
    expect(isContentImage(`${base}/uploads/news/anh-1.jpg`)).toBe(true);
    expect(isContentImage(`${base}/themes/default/images/logo.png`)).toBe(false);
    expect(isContentImage(`${base}/uploads/banner/quangcao-1.gif`)).toBe(false);
    expect(isContentImage(`${base}/images/icons/pdf.png`)).toBe(false);
    expect(isContentImage(`${base}/anh.jpg`, '1', '1')).toBe(false);
    expect(isContentImage('https://www.facebook.com/tr?id=1')).toBe(false);
    expect(isContentImage(`${base}/hinh.svg`)).toBe(false);
  });

  it('points images at their stored copies and drops those not stored', () => {
    const out = rewriteImages(`<p><img src="${base}/a.jpg" alt="A"><img src="${base}/b.jpg"></p>`, new Map([[`${base}/a.jpg`, '/media/abc']]));
    expect(out).toBe('<p><img src="/media/abc" alt="A"></p>');
  });

  it('decodes the page by its declared charset', () => {
    expect(decodeBody(Buffer.from('<meta charset="utf-8"><p>Trường</p>'), 'text/html')).toContain('Trường');
    expect(decodeBody(Buffer.from([0x54, 0x72, 0xf0]), 'text/html; charset=windows-1258')).toBe('Trđ');
  });
});
