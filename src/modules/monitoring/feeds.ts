import { DomHandler, DomUtils, Parser } from 'htmlparser2';
import type { Document, Element } from 'domhandler';
import { htmlToText } from './extract';

/**
 * Feed parsing: RSS 2.0 / RSS 1.0 (RDF), Atom, JSON Feed 1.x and news sitemaps
 * (Google's `news:` extension, or a plain `urlset` with lastmod). Pure: bytes in,
 * items out. A document that is none of these, or XML cut off / badly nested,
 * throws {@link FeedError} so the poller records it as the source's error.
 */
export type FeedItem = {
  guid: string;
  link: string | null;
  title: string;
  body: string;
  author: string | null;
  publishedAt: Date | null;
};
export type ParsedFeed = {
  format: 'rss' | 'atom' | 'json' | 'sitemap' | 'sitemapindex';
  title: string | null;
  items: FeedItem[];
  /** sitemap index: the child sitemaps, newest first */
  sitemaps?: string[];
};

export class FeedError extends Error {
  constructor(
    readonly code: 'feed.malformed' | 'feed.not_a_feed' | 'feed.empty_document',
    message: string,
  ) {
    super(message);
  }
}

export const MAX_ITEMS_PER_FEED = 2000;

function parseDate(s: string | null | undefined): Date | null {
  if (!s) return null;
  const t = s.trim();
  if (!t) return null;
  // "06/10/2026 14:05" is dd/mm/yyyy in Vietnam time (as some Vietnamese feeds write it), never US order
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(t);
  const d = m ? new Date(Date.UTC(+m[3], +m[2] - 1, +m[1], +(m[4] ?? 0) - 7, +(m[5] ?? 0), +(m[6] ?? 0))) : new Date(t);
  return Number.isNaN(d.getTime()) ? null : d;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1).toLowerCase();

function children(el: Element): Element[] {
  return el.children.filter((c): c is Element => c.type === 'tag');
}
function child(el: Element, ...names: string[]): Element | undefined {
  for (const name of names) {
    const n = name.toLowerCase();
    const found = children(el).find((c) => c.name.toLowerCase() === n || (!n.includes(':') && localName(c.name) === n && !c.name.includes(':')));
    if (found) return found;
  }
  return undefined;
}
function childText(el: Element, ...names: string[]): string | null {
  const c = child(el, ...names);
  return c ? DomUtils.textContent(c).trim() : null;
}
/** Descendant by local name (any namespace prefix), e.g. news:title. */
function findLocal(el: Element, local: string): Element | undefined {
  return DomUtils.findOne((e) => localName(e.name) === local, el.children, true) ?? undefined;
}

/** Counts the tags the parser had to close itself (a sign of truncation or bad nesting); `<x/>` is not one. */
class CountingHandler extends DomHandler {
  implied = 0;
  isSelfClosing = false;
  override onclosetag(...args: unknown[]): void {
    if (args[1] === true && !this.isSelfClosing) this.implied++;
    super.onclosetag();
  }
}
class XmlParser extends Parser {
  constructor(private readonly h: CountingHandler) {
    super(h, { xmlMode: true, decodeEntities: true, recognizeCDATA: true });
  }
  override onselfclosingtag(endIndex: number): void {
    this.h.isSelfClosing = true;
    super.onselfclosingtag(endIndex);
    this.h.isSelfClosing = false;
  }
}

function parseXml(xml: string): { doc: Document; implied: number } {
  const handler = new CountingHandler(undefined, { xmlMode: true });
  new XmlParser(handler).end(xml);
  return { doc: handler.root, implied: handler.implied };
}

function textOrHtml(s: string | null): string {
  return s ? htmlToText(s) : '';
}

function rssItem(it: Element): FeedItem | null {
  const link = childText(it, 'link') || (child(it, 'link')?.attribs['rdf:resource'] ?? null) || null;
  const guid = childText(it, 'guid') || it.attribs['rdf:about'] || link;
  const title = textOrHtml(childText(it, 'title'));
  const description = childText(it, 'description', 'summary');
  const encoded = childText(it, 'content:encoded');
  const descText = textOrHtml(description);
  const encText = textOrHtml(encoded);
  const body = encText.length > descText.length ? encText : descText;
  if (!guid && !title) return null;
  return {
    guid: guid || `${title}|${childText(it, 'pubDate') ?? ''}`,
    link,
    title,
    body,
    author: childText(it, 'author', 'dc:creator'),
    publishedAt: parseDate(childText(it, 'pubDate', 'dc:date', 'published', 'updated')),
  };
}

function atomEntry(e: Element): FeedItem | null {
  const links = children(e).filter((c) => localName(c.name) === 'link');
  const alt = links.find((l) => !l.attribs.rel || l.attribs.rel === 'alternate') ?? links[0];
  const link = alt?.attribs.href?.trim() || null;
  const title = textOrHtml(childText(e, 'title'));
  const content = textOrHtml(childText(e, 'content'));
  const summary = textOrHtml(childText(e, 'summary'));
  const guid = childText(e, 'id') || link;
  if (!guid && !title) return null;
  const author = child(e, 'author');
  return {
    guid: guid || title,
    link,
    title,
    body: content.length > summary.length ? content : summary,
    author: author ? (childText(author, 'name') ?? null) : null,
    publishedAt: parseDate(childText(e, 'published', 'issued') ?? childText(e, 'updated', 'modified')),
  };
}

function sitemapUrl(u: Element): FeedItem | null {
  const loc = childText(u, 'loc');
  if (!loc) return null;
  const news = children(u).find((c) => localName(c.name) === 'news');
  const title = news ? (findLocal(news, 'title') ? DomUtils.textContent(findLocal(news, 'title') as Element).trim() : '') : '';
  const pub = news ? findLocal(news, 'publication_date') : undefined;
  const keywords = news ? findLocal(news, 'keywords') : undefined;
  const pubName = news ? findLocal(news, 'name') : undefined;
  return {
    guid: loc,
    link: loc,
    title: htmlToText(title),
    body: keywords ? DomUtils.textContent(keywords).trim() : '',
    author: pubName ? DomUtils.textContent(pubName).trim() : null,
    publishedAt: parseDate(pub ? DomUtils.textContent(pub) : childText(u, 'lastmod')),
  };
}

function parseJsonFeed(text: string): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new FeedError('feed.malformed', `JSON không hợp lệ: ${(e as Error).message}`);
  }
  const d = data as { version?: unknown; title?: unknown; items?: unknown };
  if (!d || typeof d !== 'object' || !Array.isArray(d.items)) throw new FeedError('feed.not_a_feed', 'Không phải JSON Feed (thiếu "items").');
  const items: FeedItem[] = [];
  for (const raw of d.items.slice(0, MAX_ITEMS_PER_FEED)) {
    if (!raw || typeof raw !== 'object') continue;
    const it = raw as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    const link = str(it.url) ?? str(it.external_url);
    const id = str(it.id) ?? (typeof it.id === 'number' ? String(it.id) : null) ?? link;
    const title = htmlToText(str(it.title) ?? '');
    const html = str(it.content_html);
    const body = html ? htmlToText(html) : (str(it.content_text) ?? htmlToText(str(it.summary) ?? ''));
    if (!id && !title) continue;
    const authors = Array.isArray(it.authors) ? it.authors : it.author ? [it.author] : [];
    const author = authors.map((a) => (a && typeof a === 'object' ? str((a as Record<string, unknown>).name) : null)).find(Boolean) ?? null;
    items.push({ guid: id ?? title, link, title, body, author, publishedAt: parseDate(str(it.date_published) ?? str(it.date_modified)) });
  }
  return { format: 'json', title: typeof d.title === 'string' ? d.title : null, items };
}

export function parseFeed(input: string | Buffer): ParsedFeed {
  const text = (typeof input === 'string' ? input : input.toString('utf8')).replace(/^\uFEFF/, '').trim();
  if (!text) throw new FeedError('feed.empty_document', 'Tài liệu rỗng.');
  if (text.startsWith('{') || text.startsWith('[')) return parseJsonFeed(text);
  if (!text.startsWith('<')) throw new FeedError('feed.not_a_feed', 'Không phải RSS, Atom, JSON Feed hay sitemap.');
  const { doc, implied } = parseXml(text);
  const root = doc.children.find((c): c is Element => c.type === 'tag');
  if (!root) throw new FeedError('feed.malformed', 'Không đọc được phần tử gốc của tài liệu XML.');
  const rootName = localName(root.name);
  if (rootName === 'html') throw new FeedError('feed.not_a_feed', 'Địa chỉ trả về trang HTML, không phải nguồn tin (RSS/Atom).');
  if (implied > 0) throw new FeedError('feed.malformed', `XML không đúng cấu trúc (${implied} thẻ không được đóng): tài liệu bị cắt hoặc lỗi.`);
  const cap = <T>(xs: T[]) => xs.slice(0, MAX_ITEMS_PER_FEED);
  if (rootName === 'rss' || rootName === 'rdf') {
    const channel = child(root, 'channel');
    const itemEls = DomUtils.findAll((e) => e.name.toLowerCase() === 'item', root.children);
    return {
      format: 'rss',
      title: channel ? childText(channel, 'title') : null,
      items: cap(itemEls.map(rssItem).filter((x): x is FeedItem => x !== null)),
    };
  }
  if (rootName === 'feed') {
    const entries = children(root).filter((c) => localName(c.name) === 'entry');
    return { format: 'atom', title: childText(root, 'title'), items: cap(entries.map(atomEntry).filter((x): x is FeedItem => x !== null)) };
  }
  if (rootName === 'urlset') {
    const urls = children(root).filter((c) => localName(c.name) === 'url');
    return { format: 'sitemap', title: null, items: cap(urls.map(sitemapUrl).filter((x): x is FeedItem => x !== null)) };
  }
  if (rootName === 'sitemapindex') {
    const maps = children(root)
      .filter((c) => localName(c.name) === 'sitemap')
      .map((s) => ({ loc: childText(s, 'loc'), at: parseDate(childText(s, 'lastmod'))?.getTime() ?? 0 }))
      .filter((s): s is { loc: string; at: number } => Boolean(s.loc))
      .sort((a, b) => b.at - a.at);
    return { format: 'sitemapindex', title: null, items: [], sitemaps: maps.map((m) => m.loc) };
  }
  throw new FeedError('feed.not_a_feed', `Không nhận ra định dạng (phần tử gốc <${root.name}>).`);
}
