import crypto from 'node:crypto';
import type { Context } from 'hono';
import { markForFastPath } from './fast-path';
import { knownPortalVersion } from './freshness';
import { portalCss } from './layout';

/**
 * HTTP caching of public pages: short shared caching (a CDN or the browser
 * keeps a page a minute and may serve it stale for five while it revalidates)
 * plus a weak ETag, so a revalidation costs a `304 Not Modified`.
 *
 * Two kinds of ETag:
 * - from a *stamp* (the database's last-change value for what the page shows)
 *   plus the path and query — checked before anything is loaded or rendered;
 * - from the rendered body, for pages that show data with no cheap stamp.
 * Both include a hash of the portal's build (stylesheet and version), so a
 * deploy that changes the markup never answers 304 with an old page.
 */
export const PUBLIC_CACHE = 'public, max-age=60, stale-while-revalidate=300';

const build = crypto.createHash('sha1').update(`portal-news-1|${portalCss}`).digest('base64url').slice(0, 10);

export function weakEtag(...parts: (string | Uint8Array)[]): string {
  const h = crypto.createHash('sha1').update(build);
  for (const p of parts) h.update('|').update(p);
  return `W/"${h.digest('base64url').slice(0, 27)}"`;
}

/** RFC 9110 weak comparison against If-None-Match (`*` or a list of tags). */
export function isFresh(c: Context, etag: string): boolean {
  const header = c.req.header('if-none-match');
  if (!header) return false;
  if (header.trim() === '*') return true;
  const want = etag.replace(/^W\//, '');
  return (header.match(/(?:W\/)?"[^"]*"/g) ?? []).some((tag) => tag.replace(/^W\//, '') === want);
}

export function notModified(c: Context, etag: string, cacheControl = PUBLIC_CACHE): Response {
  return new Response(null, { status: 304, headers: { etag, 'cache-control': cacheControl } });
}

type Body = { body: string | Uint8Array<ArrayBuffer>; type: string; status?: number };
const pathAndQuery = (c: Context) => {
  const u = new URL(c.req.url);
  return u.pathname + u.search;
};

/**
 * Rendered bodies of stamp-validated pages, per node, keyed by their ETag
 * (build + page key + the database's stamp): a hit costs the stamp query only.
 * Bounded, least recently used first out. Old stamps just age out.
 */
const rendered = new Map<string, Body>();
const rendering = new Map<string, Promise<Body>>();
const RENDERED_MAX = 400;

/**
 * Answer a public GET with caching. With a `stamp`, a matching If-None-Match
 * is answered 304 before anything is loaded or rendered, and the rendered body
 * is kept for the next request with the same stamp (`key` names the page; it
 * defaults to path + query, so give one that ignores tracking parameters).
 * Without a stamp, the body is produced and hashed. Only 200s are cached, and
 * only when `isKept` (not for free-text searches, which would evict the pages
 * everyone reads).
 */
export async function cached(c: Context, stamp: string | null, produce: () => Promise<Body>, key?: string, isKept = true): Promise<Response> {
  if (stamp !== null) {
    const etag = weakEtag('s', key ?? pathAndQuery(c), stamp);
    if (isFresh(c, etag)) return notModified(c, etag);
    const hit = rendered.get(etag);
    if (hit) {
      rendered.delete(etag); // most recently used goes last
      rendered.set(etag, hit);
      return forFastPath(respond(hit, etag), stamp, hit, etag);
    }
    let pending = rendering.get(etag);
    if (!pending) {
      // one render per page and stamp, however many requests arrive meanwhile
      pending = produce()
        .then((out) => ({ ...out, body: typeof out.body === 'string' ? encoder.encode(out.body) : out.body }))
        .finally(() => rendering.delete(etag));
      rendering.set(etag, pending);
    }
    const out = await pending;
    if (out.status && out.status !== 200) return respond(out, null);
    if (isKept) rendered.set(etag, out);
    while (rendered.size > RENDERED_MAX) rendered.delete(rendered.keys().next().value as string);
    return isKept ? forFastPath(respond(out, etag), stamp, out, etag) : respond(out, etag);
  }
  const out = await produce();
  if (out.status && out.status !== 200) return respond(out, null);
  const etag = weakEtag('b', out.body);
  if (isFresh(c, etag)) return notModified(c, etag);
  return respond(out, etag);
}
const encoder = new TextEncoder();

/**
 * A page valid exactly as long as the portal version this node knows (not a
 * composite stamp, not a body hash) may be answered next time by the raw
 * node:http fast path (fast-path.ts), before Hono.
 */
function forFastPath(res: Response, stamp: string, out: Body, etag: string): Response {
  if ((out.status ?? 200) === 200 && typeof out.body !== 'string' && stamp === knownPortalVersion()) markForFastPath(res, stamp, out.body, etag);
  return res;
}

function respond(out: Body, etag: string | null): Response {
  const headers: Record<string, string> = { 'content-type': out.type };
  if (etag) {
    headers.etag = etag;
    headers['cache-control'] = PUBLIC_CACHE;
  } else {
    headers['cache-control'] = 'public, max-age=60';
  }
  return new Response(out.body, { status: out.status ?? 200, headers });
}

export const HTML = 'text/html; charset=utf-8';

/** hono/jsx renders to a string or a promise of one. */
export async function renderToString(node: unknown): Promise<string> {
  return String(await Promise.resolve((node as { toString(): string | Promise<string> }).toString()));
}
