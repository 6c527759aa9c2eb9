import { type FeedItem, articlePath, imageUrl } from '../modules/newsroom/public.service';

/**
 * RSS 2.0, Atom 1.0 and sitemap XML, written by hand (no XML library):
 * every text goes through {@link xml}, which escapes markup characters and
 * drops the control characters XML 1.0 forbids (pasted text carries them).
 */
export function xml(s: string): string {
  return s
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

type Channel = { title: string; description: string; siteUrl: string; selfUrl: string; base: string; items: FeedItem[]; updated: Date };

const newest = (ch: Channel) => ch.items.reduce((d, i) => (i.updatedAt > d ? i.updatedAt : d), ch.items[0]?.updatedAt ?? ch.updated);

export function rss(ch: Channel): string {
  const items = ch.items.map((i) => {
    const link = ch.base + articlePath(i.slug);
    return [
      '<item>',
      `<title>${xml(i.title)}</title>`,
      `<link>${xml(link)}</link>`,
      `<guid isPermaLink="true">${xml(link)}</guid>`,
      `<pubDate>${i.publishedAt.toUTCString()}</pubDate>`,
      `<dc:creator>${xml(i.unitName)}</dc:creator>`,
      ...i.themes.map((t) => `<category>${xml(t)}</category>`),
      `<description>${xml(i.description)}</description>`,
      i.cover ? `<media:content url="${xml(ch.base + imageUrl(i.cover, 'medium'))}" medium="image" type="image/jpeg" width="${i.cover.variants.medium.width}" height="${i.cover.variants.medium.height}"/>` : '',
      '</item>',
    ].filter(Boolean).join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">',
    '<channel>',
    `<title>${xml(ch.title)}</title>`,
    `<link>${xml(ch.siteUrl)}</link>`,
    `<description>${xml(ch.description)}</description>`,
    '<language>vi</language>',
    `<atom:link href="${xml(ch.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    `<lastBuildDate>${newest(ch).toUTCString()}</lastBuildDate>`,
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}

export function atom(ch: Channel): string {
  const entries = ch.items.map((i) => {
    const link = ch.base + articlePath(i.slug);
    return [
      '<entry>',
      `<title>${xml(i.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${xml(link)}"/>`,
      `<id>${xml(link)}</id>`,
      `<published>${i.publishedAt.toISOString()}</published>`,
      `<updated>${i.updatedAt.toISOString()}</updated>`,
      `<author><name>${xml(i.unitName)}</name></author>`,
      ...i.themes.map((t) => `<category term="${xml(t)}"/>`),
      `<summary>${xml(i.description)}</summary>`,
      '</entry>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">',
    `<title>${xml(ch.title)}</title>`,
    `<subtitle>${xml(ch.description)}</subtitle>`,
    `<id>${xml(ch.selfUrl)}</id>`,
    `<link rel="self" type="application/atom+xml" href="${xml(ch.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${xml(ch.siteUrl)}"/>`,
    `<updated>${newest(ch).toISOString()}</updated>`,
    `<author><name>${xml(ch.title)}</name></author>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

export function sitemap(urls: { loc: string; lastmod?: Date }[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map((u) => `<url><loc>${xml(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod.toISOString()}</lastmod>` : ''}</url>`),
    '</urlset>',
    '',
  ].join('\n');
}
