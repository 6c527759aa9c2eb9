/**
 * Fetching what users point Loa at (news feeds, old websites, pasted links)
 * without letting them point it at our own network.
 *
 * - Only http and https. Every host name is resolved here and every address it
 *   resolves to is checked; the connection then goes to the checked address
 *   (no second lookup, so DNS rebinding cannot swap it). Private, loopback,
 *   link-local, carrier-grade NAT, multicast and reserved ranges are refused
 *   unless the host or a CIDR holding the address is listed in LOA_FETCH_ALLOW
 *   (comma-separated; tests and `npm run eval` set it to 127.0.0.1).
 * - Redirects are followed by hand, each hop checked again, at most maxRedirects.
 * - One deadline for the whole fetch (timeoutMs), and a cap on the body after
 *   decompression (maxBytes): a bigger answer is cut off and refused.
 * - Conditional GET: pass the etag / lastModified from the last answer; a 304
 *   comes back as notModified with an empty body.
 * Any other status (404, 500…) is returned, not thrown: the caller decides.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import { AppError } from './errors';

export type SafeFetchOptions = {
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  etag?: string | null;
  lastModified?: string | null;
  accept?: string;
  method?: 'GET' | 'HEAD';
};

export type SafeFetchResult = {
  status: number;
  /** the final URL, after redirects */
  url: string;
  notModified: boolean;
  contentType: string;
  etag: string | null;
  lastModified: string | null;
  body: Buffer;
  headers: Record<string, string>;
};

export type SafeFetchCode =
  | 'fetch.bad_url'
  | 'fetch.blocked_address'
  | 'fetch.timeout'
  | 'fetch.too_large'
  | 'fetch.too_many_redirects'
  | 'fetch.network';

export class SafeFetchError extends AppError {
  constructor(
    code: SafeFetchCode,
    readonly url: string,
    readonly reason?: string,
  ) {
    super(code, code === 'fetch.too_large' ? 413 : 422, code, { url });
    this.message = `${code}: ${url}${reason ? ` (${reason})` : ''}`;
  }
}

const DEFAULTS = { timeoutMs: 15_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 };
const USER_AGENT = 'LoaBot/1.0 (+https://loa.edu.vn/bot)';

const blocked = new net.BlockList();
for (const [addr, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(addr, prefix, 'ipv4');
}
for (const [addr, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
  ['100::', 64],
] as const) {
  blocked.addSubnet(addr, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped or NAT64 IPv6 address, if any. */
function embeddedV4(ip: string): string | null {
  const m = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (m) return m[1]!;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
  if (hex) {
    const a = parseInt(hex[1]!, 16);
    const b = parseInt(hex[2]!, 16);
    return `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
  }
  return null;
}

export function isPrivateAddress(ip: string): boolean {
  const v4 = net.isIPv4(ip) ? ip : embeddedV4(ip);
  if (v4) return blocked.check(v4, 'ipv4');
  if (net.isIPv6(ip)) return blocked.check(ip, 'ipv6');
  return true;
}

type AllowList = { hosts: Set<string>; nets: net.BlockList };
let allowCache: { raw: string; list: AllowList } | undefined;

function allowList(raw = process.env.LOA_FETCH_ALLOW ?? ''): AllowList {
  if (allowCache?.raw === raw) return allowCache.list;
  const list: AllowList = { hosts: new Set(), nets: new net.BlockList() };
  for (const entry of raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    const [addr, prefix] = entry.split('/');
    const family = net.isIP(addr ?? '');
    if (family) {
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (prefix !== undefined) list.nets.addSubnet(addr!, Number(prefix), type);
      else list.nets.addAddress(addr!, type);
    } else {
      list.hosts.add(entry);
    }
  }
  allowCache = { raw, list };
  return list;
}

/** May Loa connect to `ip`, reached through `host`? */
export function isAddressAllowed(ip: string, host = '', allow?: string): boolean {
  if (!isPrivateAddress(ip)) return true;
  const list = allowList(allow);
  if (host && list.hosts.has(host.toLowerCase())) return true;
  const v4 = net.isIPv4(ip) ? ip : embeddedV4(ip);
  if (v4) return list.nets.check(v4, 'ipv4') || list.hosts.has(v4);
  return list.nets.check(ip, 'ipv6') || list.hosts.has(ip.toLowerCase());
}

function hostOf(u: URL): string {
  return u.hostname.replace(/^\[|\]$/g, '');
}

async function resolveChecked(u: URL): Promise<{ address: string; family: 4 | 6 }> {
  const host = hostOf(u);
  const literal = net.isIP(host);
  let addresses: { address: string; family: number }[];
  if (literal) {
    addresses = [{ address: host, family: literal }];
  } else {
    try {
      addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
    } catch (e) {
      throw new SafeFetchError('fetch.network', u.href, (e as Error).message);
    }
  }
  if (addresses.length === 0) throw new SafeFetchError('fetch.network', u.href, 'no address');
  // every address must pass, or a round-robin record could smuggle a private one in
  for (const a of addresses) {
    if (!isAddressAllowed(a.address, host)) throw new SafeFetchError('fetch.blocked_address', u.href, a.address);
  }
  const first = addresses[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

function parseUrl(raw: string, base?: string): URL {
  let u: URL;
  try {
    u = new URL(raw, base);
  } catch {
    throw new SafeFetchError('fetch.bad_url', raw);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new SafeFetchError('fetch.bad_url', raw, u.protocol);
  return u;
}

type OneHop = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

function requestOnce(u: URL, target: { address: string; family: 4 | 6 }, opts: Required<Pick<SafeFetchOptions, 'maxBytes'>> & SafeFetchOptions, deadline: number): Promise<OneHop> {
  return new Promise((resolve, reject) => {
    const left = deadline - Date.now();
    if (left <= 0) return reject(new SafeFetchError('fetch.timeout', u.href));
    const headers: Record<string, string> = {
      'user-agent': USER_AGENT,
      accept: opts.accept ?? '*/*',
      'accept-encoding': 'gzip, deflate, br',
      'accept-language': 'vi,en;q=0.5',
    };
    if (opts.etag) headers['if-none-match'] = opts.etag;
    if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
    const mod = u.protocol === 'https:' ? https : http;
    let settled = false;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(e);
    };
    const req = mod.request(
      {
        protocol: u.protocol,
        hostname: hostOf(u),
        port: u.port || undefined,
        path: `${u.pathname}${u.search}`,
        method: opts.method ?? 'GET',
        headers,
        servername: net.isIP(hostOf(u)) ? undefined : hostOf(u),
        // connect to the address we checked, never to a second lookup's answer
        lookup: ((_h: string, o: { all?: boolean }, cb: (...a: unknown[]) => void) => {
          if (o?.all) cb(null, [{ address: target.address, family: target.family }]);
          else cb(null, target.address, target.family);
        }) as unknown as typeof dns.lookup,
        agent: false,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if ((status >= 300 && status < 400) || status === 304 || opts.method === 'HEAD') {
          res.resume();
          settled = true;
          clearTimeout(timer);
          return resolve({ status, headers: res.headers, body: Buffer.alloc(0) });
        }
        const declared = Number(res.headers['content-length'] ?? NaN);
        const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
        if (!encoding && Number.isFinite(declared) && declared > opts.maxBytes) return fail(new SafeFetchError('fetch.too_large', u.href));
        let stream: Readable = res;
        if (encoding === 'gzip' || encoding === 'x-gzip') stream = res.pipe(zlib.createGunzip());
        else if (encoding === 'deflate') stream = res.pipe(zlib.createInflate());
        else if (encoding === 'br') stream = res.pipe(zlib.createBrotliDecompress());
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > opts.maxBytes) {
            stream.destroy();
            fail(new SafeFetchError('fetch.too_large', u.href));
            return;
          }
          chunks.push(chunk);
        });
        stream.on('error', (e) => fail(new SafeFetchError('fetch.network', u.href, e.message)));
        stream.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ status, headers: res.headers, body: Buffer.concat(chunks) });
        });
      },
    );
    const timer = setTimeout(() => fail(new SafeFetchError('fetch.timeout', u.href)), left);
    req.on('error', (e) => fail(new SafeFetchError('fetch.network', u.href, e.message)));
    req.end();
  });
}

function flatHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export async function safeFetch(url: string, options: SafeFetchOptions = {}): Promise<SafeFetchResult> {
  const opts = { ...DEFAULTS, ...options };
  const deadline = Date.now() + opts.timeoutMs;
  let u = parseUrl(url);
  for (let hop = 0; ; hop++) {
    const target = await resolveChecked(u);
    const res = await requestOnce(u, target, opts, deadline);
    const location = res.headers.location;
    if (res.status >= 300 && res.status < 400 && res.status !== 304 && location) {
      if (hop >= opts.maxRedirects) throw new SafeFetchError('fetch.too_many_redirects', url);
      u = parseUrl(location, u.href);
      continue;
    }
    const headers = flatHeaders(res.headers);
    return {
      status: res.status,
      url: u.href,
      notModified: res.status === 304,
      contentType: headers['content-type'] ?? '',
      etag: headers.etag ?? null,
      lastModified: headers['last-modified'] ?? null,
      body: res.body,
      headers,
    };
  }
}
