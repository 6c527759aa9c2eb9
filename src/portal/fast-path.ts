import type { IncomingMessage, ServerResponse } from 'node:http';
import { knownPortalVersion } from './freshness';

/**
 * The raw `node:http` fast path for public pages (issue 4).
 *
 * A cache hit through Hono still costs the Request/Response adapter, the
 * router, the security-header middleware and an ETag hash per request — about
 * two thirds of what a bare `node:http` server can do. So the answer Hono gave
 * for a page whose validity is *exactly* the portal's change stamp
 * (`portalVersion()`, src/portal/freshness.ts) is kept here — body bytes and
 * every response header it sent — and the next GET or HEAD for the same
 * Host + X-Forwarded-Host + path and query is answered from the socket
 * handler, before Hono, as long as this node still knows that same version.
 *
 * What is kept: only responses `cached()` (http-cache.ts) marked, i.e. 200s of
 * pages cached under a stamp equal to the current portal version (never the
 * composite stamps like `lastChange|unitsStamp` or `unit.id.name.version`,
 * never body-hashed pages, never free-text searches), to a GET without Cookie
 * or Authorization, with no Set-Cookie, outside /api and /admin.
 * What is answered: GET and HEAD without Cookie or Authorization; a matching
 * If-None-Match gets the same 304 Hono would send. Anything else — other
 * methods, a different host, a stamp bump (the entry's version differs from
 * the known one), a node that is not listening for change notifications
 * (then it reads the stamp per request, so there is no known version) — goes
 * to Hono as before, which renders (or reuses) the page and keeps it again.
 */
type Entry = {
  version: string;
  /** the opaque part of the ETag, for the weak comparison */
  tag: string;
  /** [name, value, name, value, …] as Hono's adapter wrote them, plus content-length */
  headers: string[];
  /** the same for a HEAD (Hono answers HEAD without content-length) */
  headHeaders: string[];
  /** for a 304: what `notModified()` plus the middleware sends */
  notModifiedHeaders: string[];
  body: Uint8Array;
};

type Mark = { version: string; body: Uint8Array; etag: string };

const entries = new Map<string, Entry>();
const marks = new WeakMap<object, Mark>();
const MAX_ENTRIES = 5_000;
const MAX_BYTES = 64 * 1024 * 1024;
let bytes = 0;
/** the version every entry was kept under: a newer one empties the map */
let entriesVersion: string | null = null;
const stats = { hits: 0, notModified: 0, kept: 0 };

/** Called by `cached()` on a 200 it answers from a stamp equal to the portal version. */
export function markForFastPath(res: Response, version: string, body: Uint8Array, etag: string): void {
  marks.set(res, { version, body, etag });
}

const keyOf = (req: IncomingMessage) => `${req.headers.host ?? ''}\n${req.headers['x-forwarded-host'] ?? ''}\n${req.url ?? ''}`;

const isPlainVisitor = (req: IncomingMessage) => req.headers.cookie === undefined && req.headers.authorization === undefined;

/** Answer from the fast path if possible; false means "give it to Hono". */
export function tryFastPath(req: IncomingMessage, res: ServerResponse): boolean {
  if (entries.size === 0) return false;
  const method = req.method;
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (!isPlainVisitor(req)) return false;
  const version = knownPortalVersion();
  if (version === null || version !== entriesVersion) return false;
  const key = keyOf(req);
  const e = entries.get(key);
  if (!e) return false;
  if (e.version !== version) {
    drop(key, e);
    return false;
  }
  const inm = req.headers['if-none-match'];
  if (inm !== undefined && matches(inm, e.tag)) {
    stats.notModified++;
    res.writeHead(304, e.notModifiedHeaders);
    res.end();
    return true;
  }
  stats.hits++;
  if (method === 'HEAD') {
    res.writeHead(200, e.headHeaders);
    res.end();
  } else {
    res.writeHead(200, e.headers);
    res.end(e.body);
  }
  return true;
}

/** RFC 9110 weak comparison, as `isFresh()` in http-cache.ts. */
function matches(header: string, tag: string): boolean {
  if (header.trim() === '*') return true;
  for (const t of header.match(/(?:W\/)?"[^"]*"/g) ?? []) if (t.replace(/^W\//, '') === tag) return true;
  return false;
}

/** After Hono answered: keep the response if `cached()` marked it and the request was a plain GET. */
export function captureForFastPath(req: IncomingMessage, res: Response): void {
  const mark = marks.get(res);
  if (!mark) return;
  if (req.method !== 'GET' || !isPlainVisitor(req) || res.status !== 200) return;
  const url = req.url ?? '';
  if (url.startsWith('/api/') || url === '/api' || url.startsWith('/admin')) return;
  if (res.headers.has('set-cookie') || res.headers.get('etag') !== mark.etag) return;
  if (mark.version !== knownPortalVersion()) return;
  if (mark.body.byteLength > MAX_BYTES / 16) return;
  const headers: string[] = [];
  const notModifiedHeaders: string[] = [];
  for (const [k, v] of res.headers) {
    if (k === 'content-length' || k === 'transfer-encoding') continue;
    headers.push(k, v);
    if (k !== 'content-type') notModifiedHeaders.push(k, v);
  }
  const headHeaders = headers.slice();
  headers.push('content-length', String(mark.body.byteLength));
  if (mark.version !== entriesVersion) {
    clearFastPath();
    entriesVersion = mark.version;
  }
  const key = keyOf(req);
  const old = entries.get(key);
  if (old) drop(key, old);
  entries.set(key, { version: mark.version, tag: mark.etag.replace(/^W\//, ''), headers, headHeaders, notModifiedHeaders, body: mark.body });
  bytes += mark.body.byteLength;
  stats.kept++;
  // oldest first out (insertion order); a hot page evicted comes back on its next request
  while (entries.size > MAX_ENTRIES || bytes > MAX_BYTES) {
    const [k, e] = entries.entries().next().value as [string, Entry];
    drop(k, e);
  }
}

function drop(key: string, e: Entry) {
  entries.delete(key);
  bytes -= e.body.byteLength;
}

/** For tests and /readyz-style diagnostics. */
export function fastPathStats(): { entries: number; bytes: number; hits: number; notModified: number; kept: number } {
  return { entries: entries.size, bytes, ...stats };
}

export function clearFastPath(): void {
  entries.clear();
  bytes = 0;
}
