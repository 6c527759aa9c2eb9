import { DomUtils, ElementType, parseDocument, parseFeed } from 'htmlparser2';
import type { AnyNode, Document, Element } from 'domhandler';
import { vnDate } from '../../text';

/**
 * Reading an old website: its RSS/Atom feed or sitemap (the list of pages to
 * take) and each article page (title, date, summary, main text, images,
 * attached files). Pure functions over strings: no fetching, no database, so
 * every rule here is unit-tested on page shapes written to imitate NukeViet,
 * WordPress and vendor school portals.
 *
 * Old school sites are often defaced: hidden blocks of links to betting or
 * loan sites are injected into templates and article bodies. Those (anything
 * hidden, tiny, or an outside link with spam words) are dropped here and
 * counted, before the body goes through the newsroom sanitiser.
 */

export type SourceItem = { url: string; title: string | null; date: string | null; summary: string | null };
export type SourceList = { kind: 'rss' | 'atom' | 'sitemap' | 'sitemapindex'; items: SourceItem[]; sitemaps: string[] };
export type ImageRef = { src: string; alt: string | null };
export type AttachmentRef = { url: string; name: string; ext: string };
export type ExtractedArticle = {
  title: string | null;
  date: Date | null;
  summary: string | null;
  /** cleaned, not yet sanitised; images keep their absolute source URLs (rewritten after download) */
  bodyHtml: string;
  text: string;
  images: ImageRef[];
  attachments: AttachmentRef[];
  spamLinksRemoved: number;
};

export const ATTACHMENT_EXTENSIONS = ['pdf', 'doc', 'docx', 'xls', 'xlsx'] as const;

/* ------------------------------------------------------------------ helpers */

const isElement = (n: AnyNode): n is Element => n.type === ElementType.Tag || n.type === ElementType.Script || n.type === ElementType.Style;
const attr = (el: Element, name: string) => el.attribs?.[name] ?? '';
const textOf = (n: AnyNode | AnyNode[]) => DomUtils.textContent(n as AnyNode).replace(/\s+/g, ' ').trim();
const all = (root: AnyNode | AnyNode[], test: (el: Element) => boolean) => DomUtils.findAll(test, Array.isArray(root) ? root : [root]);
const first = (root: AnyNode | AnyNode[], test: (el: Element) => boolean) => DomUtils.findOne(test, Array.isArray(root) ? root : [root], true);
const classesOf = (el: Element) => `${attr(el, 'class')} ${attr(el, 'id')}`.toLowerCase();

export function absoluteUrl(raw: string | null | undefined, base: string): string | null {
  const s = (raw ?? '').trim();
  if (!s || s.startsWith('#') || /^(javascript|data|mailto|tel):/i.test(s)) return null;
  try {
    const u = new URL(s, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

/** Same site: the same host, ignoring a leading `www.`. */
export function isSameSite(a: string, b: string): boolean {
  try {
    const h = (u: string) => new URL(u).hostname.toLowerCase().replace(/^www\./, '');
    return h(a) === h(b);
  } catch {
    return false;
  }
}

/** Bytes → text, honouring the charset of the Content-Type header or the page's own meta tag. */
export function decodeBody(body: Buffer, contentType = ''): string {
  const head = body.subarray(0, 2048).toString('latin1');
  const charset =
    /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ??
    /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] ??
    /<\?xml[^>]+encoding=["']([\w-]+)/i.exec(head)?.[1] ??
    'utf-8';
  try {
    return new TextDecoder(charset.toLowerCase()).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

/* ------------------------------------------------------------------- dates */

/**
 * A date as old Vietnamese sites print it: "Thứ hai, 12/09/2026 08:30",
 * "08:30 12-09-2026", "12/9/2026 - 8h30", "ngày 12 tháng 9 năm 2026", or ISO
 * 8601. Local times are Vietnam time (UTC+7). Null when nothing parses.
 */
export function parseVietnameseDate(raw: string | null | undefined): Date | null {
  const s = (raw ?? '').normalize('NFC').trim();
  if (!s) return null;
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s)) {
    const d = /T/.test(s) ? new Date(s) : vnDate(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)));
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const time = (h?: string, m?: string) => ({ h: h ? Number(h) : 0, m: m ? Number(m) : 0 });
  const valid = (y: number, mo: number, d: number, hh: number, mm: number) =>
    y >= 1990 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && hh < 24 && mm < 60 ? vnDate(y, mo, d, hh, mm) : null;
  let m = /(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\D{1,6}?(\d{1,2})\s*[:hg]\s*(\d{2}))?/i.exec(s);
  if (m) {
    let t = time(m[4], m[5]);
    if (!m[4]) {
      const before = /(\d{1,2})\s*[:h]\s*(\d{2})\D{0,6}$/.exec(s.slice(0, m.index));
      if (before) t = time(before[1], before[2]);
    }
    return valid(Number(m[3]), Number(m[2]), Number(m[1]), t.h, t.m);
  }
  m = /ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})/i.exec(s);
  if (m) return valid(Number(m[3]), Number(m[2]), Number(m[1]), 0, 0);
  if (!/\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b.*\b(19|20)\d{2}\b/i.test(s)) return null;
  const d = new Date(s); // RFC 822 dates of RSS feeds
  return Number.isNaN(d.getTime()) ? null : d;
}

/* ------------------------------------------------------- feeds and sitemaps */

/** What a fetched source is, by its first element. */
export function detectSourceKind(text: string): SourceList['kind'] | 'html' | null {
  const head = text.slice(0, 4000).replace(/<\?xml[^>]*>|<!--[\s\S]*?-->/g, '').trimStart().toLowerCase();
  if (/^<rss[\s>]/.test(head) || /^<rdf:rdf[\s>]/.test(head)) return 'rss';
  if (/^<feed[\s>]/.test(head)) return 'atom';
  if (/^<urlset[\s>]/.test(head)) return 'sitemap';
  if (/^<sitemapindex[\s>]/.test(head)) return 'sitemapindex';
  if (/^<!doctype html|^<html[\s>]|<body[\s>]/.test(head)) return 'html';
  return null;
}

/** Items of an RSS 2.0 / RSS 1.0 / Atom feed, with absolute links, in feed order. */
export function parseFeedItems(xml: string, baseUrl: string): SourceItem[] {
  const feed = parseFeed(xml, { xmlMode: true });
  if (!feed) return [];
  const items: SourceItem[] = [];
  const seen = new Set<string>();
  for (const it of feed.items) {
    const url = absoluteUrl(it.link ?? it.id, baseUrl);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    const summary = it.description ? textOfHtmlFragment(it.description) : null;
    items.push({
      url,
      title: it.title?.trim() || null,
      date: it.pubDate && !Number.isNaN(it.pubDate.getTime()) ? it.pubDate.toISOString() : null,
      summary: summary ? summary.slice(0, 500) : null,
    });
  }
  return items;
}

/** Page URLs (newest `lastmod` first) and child sitemaps of a sitemap or sitemap index. */
export function parseSitemap(xml: string, baseUrl: string): { items: SourceItem[]; sitemaps: string[] } {
  const doc = parseDocument(xml, { xmlMode: true });
  const local = (el: Element) => el.name.toLowerCase().replace(/^.*:/, '');
  const childText = (el: Element, name: string) => {
    const c = el.children.find((n): n is Element => isElement(n) && local(n) === name);
    return c ? textOf(c) : '';
  };
  const sitemaps = all(doc, (el) => local(el) === 'sitemap')
    .map((el) => absoluteUrl(childText(el, 'loc'), baseUrl))
    .filter((u): u is string => !!u);
  const seen = new Set<string>();
  const items: (SourceItem & { order: number })[] = [];
  for (const el of all(doc, (e) => local(e) === 'url')) {
    const url = absoluteUrl(childText(el, 'loc'), baseUrl);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    const lastmod = parseVietnameseDate(childText(el, 'lastmod'));
    items.push({ url, title: null, date: lastmod ? lastmod.toISOString() : null, summary: null, order: items.length });
  }
  items.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.order - b.order);
  return { items: items.map(({ order: _o, ...x }) => x), sitemaps };
}

/** Looks like a listing, a category, a search or a contact page rather than one article? */
export function isLikelyListingUrl(url: string): boolean {
  try {
    const u = new URL(url);
    const p = decodeURIComponent(u.pathname).toLowerCase().replace(/\/+$/, '');
    if (p === '' || p === '/index.php') return !u.search || /^\?(nv|language)=[^&]*$/.test(u.search);
    return /\/(page|trang)\/\d+$|\/(category|chuyen-muc|danh-muc|tag|tags|author|search|tim-kiem|lien-he|contact|feeds?|rss)(\/|$)/.test(p);
  } catch {
    return true;
  }
}

function textOfHtmlFragment(html: string): string {
  return textOf(parseDocument(html).children).slice(0, 2000);
}

/* ---------------------------------------------------------- article pages */

const REMOVE_TAGS = new Set([
  'script', 'style', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button', 'select',
  'textarea', 'nav', 'aside', 'svg', 'canvas', 'link', 'meta', 'template', 'dialog', 'marquee', 'audio', 'video', 'map',
]);
const BOILERPLATE = /(^|[\s_-])(ads?|adv|advert\w*|adsbygoogle|banner|quang-?cao|qc|sponsor\w*|share\w*|social\w*|addthis|sharedaddy|fb-\w+|zalo-share|like-?box|related\w*|tin-?lien-?quan|tin-?khac|other-?news|comments?|binh-?luan|breadcrumbs?|tags?|tag-?list|keywords?|print\w*|rating|vote|sidebar|widget\w*|popup|modal|newsletter|subscribe|menu|navbar|pagination|pager|post-?navigation|nav-?links|footer|copyright|author-?box|bookmark|hitcount|toolbar|tool-?bar)([\s_-]|$)/;
const SPAM_WORDS =
  /(casino|slot|poker|baccarat|b[aắ]n c[aá]|n[hg]à c[aá]i|c[aá] c[uư][oợ]c|c[aá] đ[oộ]|t[aà]i x[iỉ]u|l[oô] đ[eề]|x[oổ] s[oố]|soi c[aầ]u|game b[aà]i|đ[aá]nh b[aà]i|k[eè]o nh[aà] c[aá]i|bet\d*|\b1xbet|fb88|w88|m88|188bet|viagra|cialis|porn|sex|vay ti[eề]n|vay nhanh|vay online|hack|crack|keo bong da|b[oó]ng đ[aá] tr[uự]c tuy[eế]n)/i;
const META_LINE = /(^|[\s_-])(date|time|publish\w*|posted|entry-meta|post-meta|meta|byline|author|h-date|ngay-?dang|luot-?xem|views?)([\s_-]|$)/;
const CONTENT_SELECTORS: ((el: Element) => boolean)[] = [
  (el) => attr(el, 'id') === 'news-bodyhtml',
  (el) => /(^|\s)bodytext(\s|$)/.test(attr(el, 'class')),
  (el) => /(^|\s)(entry-content|post-content|article-content|article-body|news-content|content-detail|detail-content|noidung|noi-dung)(\s|$)/.test(attr(el, 'class')),
  (el) => attr(el, 'itemprop') === 'articleBody',
  (el) => el.name === 'article',
];

function isHidden(el: Element): boolean {
  if ('hidden' in el.attribs) return true;
  if (attr(el, 'aria-hidden') === 'true' && textOf(el).length > 0 && el.name !== 'i' && el.name !== 'span') return true;
  const style = attr(el, 'style').toLowerCase().replace(/\s+/g, '');
  if (
    /display:none|visibility:hidden|opacity:0(\.0*)?(;|$)|font-size:[01](px|pt|em)?(;|$)|(^|;)(height|max-height):0(px)?;.*overflow:hidden|overflow:hidden;.*(^|;)(height|max-height):0(px)?(;|$)/.test(style) ||
    /(left|top|text-indent):-\d{3,}/.test(style) ||
    /(^|;)(width|height):[01]px/.test(style)
  ) {
    return true;
  }
  return /(^|\s)(hidden|d-none|hide|invisible|sr-only|visually-hidden)(\s|$)/.test(attr(el, 'class').toLowerCase());
}

function remove(el: AnyNode) {
  DomUtils.removeElement(el);
}

/** Tiny, hidden or spammy outside links; returns how many links were dropped. */
function dropSpam(root: AnyNode[], pageUrl: string): number {
  let count = 0;
  const external = (a: Element) => {
    const href = absoluteUrl(attr(a, 'href'), pageUrl);
    return !!href && !isSameSite(href, pageUrl);
  };
  for (const el of all(root, isHidden)) {
    if (!el.parent) continue; // already gone with a hidden ancestor
    count += all(el, (a) => a.name === 'a').length; // findAll includes `el` itself
    remove(el);
  }
  for (const a of all(root, (e) => e.name === 'a')) {
    if (!a.parent) continue;
    if (external(a) && (SPAM_WORDS.test(textOf(a)) || SPAM_WORDS.test(attr(a, 'href')) || SPAM_WORDS.test(attr(a, 'title')))) {
      count++;
      remove(a);
    }
  }
  // a block that is nothing but several links to other sites (a link farm pasted into a template)
  for (const block of all(root, (e) => ['p', 'div', 'span', 'ul', 'li', 'center', 'font', 'small'].includes(e.name))) {
    if (!block.parent) continue;
    const links = all(block, (e) => e.name === 'a');
    if (links.length < 3) continue;
    const ext = links.filter(external);
    const linkText = ext.map(textOf).join('').length;
    if (ext.length >= 3 && ext.length === links.length && textOf(block).length - linkText < 20) {
      count += ext.length;
      remove(block);
    }
  }
  return count;
}

function metaContent(doc: Document, ...keys: string[]): string | null {
  for (const key of keys) {
    const el = first(doc, (e) => e.name === 'meta' && (attr(e, 'property') === key || attr(e, 'name') === key || attr(e, 'itemprop') === key));
    const v = el ? attr(el, 'content').trim() : '';
    if (v) return v;
  }
  return null;
}

/** The element holding the article's text: a known container, else readability-style scoring of paragraphs. */
function findContent(body: AnyNode[]): Element | null {
  for (const test of CONTENT_SELECTORS) {
    const candidates = all(body, test).filter((el) => textOf(el).length >= 80);
    if (candidates.length) return candidates.sort((a, b) => textOf(b).length - textOf(a).length)[0];
  }
  const scores = new Map<Element, number>();
  for (const p of all(body, (e) => e.name === 'p' || (e.name === 'div' && !e.children.some((c) => isElement(c) && ['p', 'div', 'table', 'ul'].includes(c.name))))) {
    const text = textOf(p);
    if (text.length < 25) continue;
    const linkText = all(p, (e) => e.name === 'a').map(textOf).join('').length;
    const score = (1 + text.split(/[,.;]/).length + Math.min(text.length / 100, 3)) * (1 - linkText / Math.max(text.length, 1));
    const parent = p.parent && isElement(p.parent as AnyNode) ? (p.parent as Element) : null;
    if (parent) scores.set(parent, (scores.get(parent) ?? 0) + score);
    const grand = parent?.parent && isElement(parent.parent as AnyNode) ? (parent.parent as Element) : null;
    if (grand) scores.set(grand, (scores.get(grand) ?? 0) + score / 2);
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [el, score] of scores) {
    if (el.name === 'body' || el.name === 'html') continue;
    const cls = classesOf(el);
    const adjusted = score * (/(content|article|detail|body|post|entry|noidung|chitiet|news)/.test(cls) ? 1.25 : 1) * (BOILERPLATE.test(cls) ? 0.2 : 1);
    if (adjusted > bestScore) {
      best = el;
      bestScore = adjusted;
    }
  }
  return best;
}

function imageSource(img: Element, pageUrl: string): string | null {
  for (const key of ['data-src', 'data-original', 'data-lazy-src', 'data-url', 'src']) {
    const v = attr(img, key);
    if (v && !v.startsWith('data:')) return absoluteUrl(v, pageUrl);
  }
  const srcset = attr(img, 'srcset') || attr(img, 'data-srcset');
  return srcset ? absoluteUrl(srcset.split(',')[0]?.trim().split(/\s+/)[0], pageUrl) : null;
}

const JUNK_IMAGE = /(^|[/_.-])(icons?|logo|spacer|pixel|blank|tracking|tracker|1x1|clear|transparent|banner|ads?|adv|quang-?cao|qc|emoji|emoticons?|smiley|smilies|avatar|loading|loader|spinner|button|btn|share|facebook|zalo|twitter|print|rss|arrow|bullet|new_?icon|hot_?icon)([/_.\-0-9]|$)/i;
const TRACKERS = /(google-analytics|googletagmanager|doubleclick|facebook\.com\/tr|scorecardresearch|statcounter|histats|mc\.yandex)/i;

/** Content images worth keeping: not icons, logos, ads, trackers, emoticons or 1×1 pixels. */
export function isContentImage(src: string, width?: string, height?: string): boolean {
  if (TRACKERS.test(src)) return false;
  let path = src;
  try {
    path = decodeURIComponent(new URL(src).pathname);
  } catch {
    return false;
  }
  if (/\.(svg|ico|cur)$/i.test(path)) return false;
  if (JUNK_IMAGE.test(path)) return false;
  const w = Number.parseInt(width ?? '', 10);
  const h = Number.parseInt(height ?? '', 10);
  if ((Number.isFinite(w) && w > 0 && w < 48) || (Number.isFinite(h) && h > 0 && h < 48)) return false;
  return true;
}

function attachmentExt(url: string): string | null {
  try {
    const u = new URL(url);
    const candidates = [u.pathname, ...u.searchParams.values()].map((s) => decodeURIComponent(s).toLowerCase());
    for (const c of candidates) {
      const m = /\.([a-z0-9]{2,5})$/.exec(c);
      if (m && (ATTACHMENT_EXTENSIONS as readonly string[]).includes(m[1])) return m[1];
    }
  } catch {
    /* not a URL */
  }
  return null;
}

function titleOf(doc: Document, content: Element | null): string | null {
  const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim() || null;
  const og = clean(metaContent(doc, 'og:title', 'twitter:title'));
  if (og) return og;
  const h1s = all(doc, (e) => e.name === 'h1').map(textOf).filter(Boolean);
  const near = content ? all(content.parent ? [content.parent] : [content], (e) => /^h[12]$/.test(e.name)).map(textOf).filter(Boolean)[0] : null;
  const h = clean(near ?? h1s.find((t) => t.length > 10) ?? h1s[0]);
  if (h) return h;
  const title = clean(textOf(all(doc, (e) => e.name === 'title')[0] ?? []));
  return title ? clean(title.split(/\s+[|–—-]\s+/)[0]) : null;
}

const DATE_META = ['article:published_time', 'datePublished', 'pubdate', 'publishdate', 'DC.date.issued', 'dc.date', 'date'];
function dateOf(doc: Document, content: Element | null): Date | null {
  const time = first(doc, (e) => e.name === 'time' && !!attr(e, 'datetime'));
  const fromTime = time ? parseVietnameseDate(attr(time, 'datetime')) : null;
  if (fromTime) return fromTime;
  const scope = content?.parent ? [content.parent as AnyNode] : doc.children;
  for (const el of [...all(scope, (e) => META_LINE.test(classesOf(e))), ...all(doc, (e) => META_LINE.test(classesOf(e)))]) {
    const d = parseVietnameseDate(textOf(el));
    if (d) return d;
  }
  // a short line near the title that is a date and nothing much else ("<span class="h5">Thứ hai, 07/09/2026 08:30</span>")
  for (const el of all(scope, (e) => ['span', 'div', 'p', 'em', 'small', 'i', 'td'].includes(e.name))) {
    const text = textOf(el);
    if (text.length > 60 || !/\d{1,2}[/.-]\d{1,2}[/.-]\d{4}/.test(text)) continue;
    const d = parseVietnameseDate(text);
    if (d) return d;
  }
  return null;
}

/**
 * The article of one page. `bodyHtml` is the main content with boilerplate,
 * hidden elements and spam links removed, the title heading and date line
 * taken out, and images pointing at their absolute source URLs.
 */
export function extractArticle(html: string, pageUrl: string): ExtractedArticle {
  const doc = parseDocument(html, { decodeEntities: true });
  const summaryMeta = metaContent(doc, 'og:description', 'description', 'twitter:description');
  const ogImage = absoluteUrl(metaContent(doc, 'og:image', 'twitter:image'), pageUrl);
  const docTitle = titleOf(doc, null);
  const metaDate = parseVietnameseDate(metaContent(doc, ...DATE_META)); // read before <meta> tags are dropped
  for (const el of all(doc, (e) => REMOVE_TAGS.has(e.name) || e.type === ElementType.Script || e.type === ElementType.Style)) if (el.parent) remove(el);
  for (const c of DomUtils.filter((n) => n.type === ElementType.Comment, doc.children)) remove(c);
  const bodyEl = first(doc, (e) => e.name === 'body') ?? doc;
  let spam = dropSpam([bodyEl], pageUrl);

  // NukeViet keeps attachments in a separate block after the text: gather from the whole page's attachment blocks too.
  const attachBlocks = all(bodyEl, (e) => /(attach|download|dinh-?kem|dinhkem|files?-?list|tai-?ve|tep)/.test(classesOf(e)));
  const content = findContent([bodyEl]);
  const title = titleOf(doc, content) ?? docTitle;
  const date = metaDate ?? dateOf(doc, content);

  const attachments: AttachmentRef[] = [];
  const seenAttach = new Set<string>();
  for (const a of all([...(content ? [content] : []), ...attachBlocks], (e) => e.name === 'a')) {
    const url = absoluteUrl(attr(a, 'href'), pageUrl);
    const ext = url ? attachmentExt(url) : null;
    if (!url || !ext || seenAttach.has(url) || !isSameSite(url, pageUrl)) continue;
    seenAttach.add(url);
    const file = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
    attachments.push({ url, name: (textOf(a) || attr(a, 'title') || file).slice(0, 300), ext });
  }

  if (!content) {
    return { title, date, summary: summaryMeta, bodyHtml: '', text: '', images: [], attachments, spamLinksRemoved: spam };
  }
  spam += dropSpam([content], pageUrl);
  for (const el of all(content, (e) => BOILERPLATE.test(classesOf(e)) && e !== content)) if (el.parent) remove(el);
  for (const el of all(content, (e) => /^h[1-3]$/.test(e.name) && !!title && textOf(e) === title)) remove(el);
  for (const el of all(content, (e) => META_LINE.test(classesOf(e)) && textOf(e).length < 120 && !!parseVietnameseDate(textOf(e)))) if (el.parent) remove(el);

  const images: ImageRef[] = [];
  const seenImg = new Set<string>();
  for (const img of all(content, (e) => e.name === 'img')) {
    const src = imageSource(img, pageUrl);
    if (!src || !isContentImage(src, attr(img, 'width'), attr(img, 'height'))) {
      remove(img);
      continue;
    }
    img.attribs = { src, alt: attr(img, 'alt') };
    if (!seenImg.has(src)) {
      seenImg.add(src);
      images.push({ src, alt: attr(img, 'alt').trim() || null });
    }
  }
  // NukeViet and many portals print the lead photo outside the text: keep it as the first image.
  if (ogImage && !seenImg.has(ogImage) && isContentImage(ogImage)) images.unshift({ src: ogImage, alt: title });
  for (const a of all(content, (e) => e.name === 'a')) {
    const href = absoluteUrl(attr(a, 'href'), pageUrl);
    if (href) a.attribs.href = href;
  }
  // empty wrappers left behind
  for (const el of all(content, (e) => ['p', 'div', 'span', 'figure', 'li'].includes(e.name)).reverse()) {
    if (el.parent && !textOf(el) && !first(el, (e) => e.name === 'img')) remove(el);
  }
  const bodyHtml = DomUtils.getInnerHTML(content, { encodeEntities: 'utf8' }).trim();
  const text = textOf(content);
  const summary = summaryMeta?.replace(/\s+/g, ' ').trim().slice(0, 500) || null;
  return { title, date, summary, bodyHtml, text, images, attachments, spamLinksRemoved: spam };
}

/** Points each downloaded image at its stored copy; images not in the map are dropped by the sanitiser later. */
export function rewriteImages(bodyHtml: string, stored: Map<string, string>): string {
  const doc = parseDocument(bodyHtml);
  for (const img of all(doc, (e) => e.name === 'img')) {
    const to = stored.get(attr(img, 'src'));
    if (to) img.attribs.src = to;
    else remove(img);
  }
  return DomUtils.getOuterHTML(doc.children, { encodeEntities: 'utf8' });
}
