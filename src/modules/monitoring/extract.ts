import { DomUtils, parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';

/**
 * Text from HTML: feed descriptions (often HTML) and pages people paste. Block
 * elements become line breaks, scripts/styles/navigation are dropped, entities
 * are decoded by the parser.
 */
const blockTags = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'table', 'section', 'article',
  'blockquote', 'figure', 'figcaption', 'header', 'footer', 'pre', 'hr',
]);
const skipTags = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'nav', 'form', 'button', 'select', 'head']);

function walk(nodes: ChildNode[], out: string[], skip: Set<string>) {
  for (const n of nodes) {
    if (n.type === 'text') out.push((n as unknown as { data: string }).data);
    else if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
      const el = n as Element;
      const name = el.name.toLowerCase();
      if (skip.has(name)) continue;
      const isBlock = blockTags.has(name);
      if (isBlock) out.push('\n');
      walk(el.children, out, skip);
      if (isBlock) out.push('\n');
    } else if (n.type === 'cdata') {
      walk((n as unknown as { children: ChildNode[] }).children, out, skip);
    }
  }
}

export function cleanText(s: string): string {
  return s
    .replace(/[ \t\u00a0\u202f]+/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n')
    .trim();
}

export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return cleanText(html);
  const doc = parseDocument(html, { decodeEntities: true });
  const out: string[] = [];
  walk(doc.children, out, skipTags);
  return cleanText(out.join(''));
}

function metaContent(doc: ReturnType<typeof parseDocument>, keys: string[]): string | null {
  for (const el of DomUtils.getElementsByTagName('meta', doc.children, true)) {
    const k = (el.attribs.property ?? el.attribs.name ?? el.attribs.itemprop ?? '').toLowerCase();
    if (keys.includes(k) && el.attribs.content?.trim()) return el.attribs.content.trim();
  }
  return null;
}

export type ExtractedPage = { title: string; text: string; publishedAt: Date | null; canonical: string | null; author: string | null };

/**
 * The article in a news page: title from og:title / <h1> / <title>; text from
 * the <article> element, or else the element holding the most paragraph text
 * (a simple density rule that suits Vietnamese news layouts); the page's
 * canonical link and publication time when it declares them.
 */
export function extractArticle(html: string): ExtractedPage {
  const doc = parseDocument(html, { decodeEntities: true });
  const h1 = DomUtils.getElementsByTagName('h1', doc.children, true)[0];
  const titleEl = DomUtils.getElementsByTagName('title', doc.children, true)[0];
  const title = cleanText(
    metaContent(doc, ['og:title', 'twitter:title']) ?? (h1 ? DomUtils.textContent(h1) : titleEl ? DomUtils.textContent(titleEl) : ''),
  );
  let container: Element | null = DomUtils.getElementsByTagName('article', doc.children, true)[0] ?? null;
  if (!container) {
    // the parent with the most text in direct <p> children
    const scores = new Map<Element, number>();
    for (const p of DomUtils.getElementsByTagName('p', doc.children, true)) {
      const parent = p.parent as Element | null;
      if (!parent || parent.type !== 'tag') continue;
      scores.set(parent, (scores.get(parent) ?? 0) + DomUtils.textContent(p).trim().length);
    }
    let best = 0;
    for (const [el, s] of scores) if (s > best) [best, container] = [s, el];
  }
  const out: string[] = [];
  if (container) walk(container.children, out, skipTags);
  else {
    const body = DomUtils.getElementsByTagName('body', doc.children, true)[0];
    walk(body ? body.children : doc.children, out, skipTags);
  }
  let text = cleanText(out.join(''));
  const description = metaContent(doc, ['og:description', 'description']);
  if (!text && description) text = description;
  const published = metaContent(doc, ['article:published_time', 'datepublished', 'pubdate', 'date']);
  const parsed = published ? new Date(published) : null;
  const link = DomUtils.getElementsByTagName('link', doc.children, true).find((l) => l.attribs.rel?.toLowerCase() === 'canonical');
  return {
    title,
    text,
    publishedAt: parsed && !Number.isNaN(parsed.getTime()) ? parsed : null,
    canonical: link?.attribs.href ?? metaContent(doc, ['og:url']),
    author: metaContent(doc, ['author', 'article:author']),
  };
}

/** Decodes a fetched body by its declared charset (UTF-8 by default). */
export function decodeBody(body: Buffer, contentType: string): string {
  const m = /charset=["']?([\w-]+)/i.exec(contentType);
  let charset = m?.[1]?.toLowerCase() ?? 'utf-8';
  if (!m) {
    const head = body.subarray(0, 512).toString('latin1');
    const x = /encoding=["']([\w-]+)["']/i.exec(head) ?? /<meta[^>]+charset=["']?([\w-]+)/i.exec(head);
    if (x) charset = x[1].toLowerCase();
  }
  try {
    return new TextDecoder(charset).decode(body).replace(/^\uFEFF/, '');
  } catch {
    return body.toString('utf8').replace(/^\uFEFF/, '');
  }
}
