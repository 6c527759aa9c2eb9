import type { Context } from 'hono';
import { type SiteRecord, currentSlugFor, siteByDomain, siteBySlug } from '../../modules/sites/sites.public';
import { config } from '../../platform/config';
import { db } from '../../platform/db';
import { portalVersion } from '../freshness';

/**
 * Which site a request is for, cached per node against the portal change
 * stamp (migration 0009 makes every site table bump it): while this node
 * hears the database's notifications a hit costs no query at all; otherwise
 * one primary-key read of the stamp. Misses (unknown hosts, unknown slugs)
 * are cached too, so a flood of made-up Host headers costs one lookup each
 * per change, and the map is bounded.
 */
type Entry = SiteRecord | null;
const MAX = 20_000;
let stampOf: string | null = null;
const bySlug = new Map<string, Entry>();
const byHost = new Map<string, Entry>();
const redirects = new Map<string, string | null>();
const inflight = new Map<string, Promise<unknown>>();

async function fresh(): Promise<string> {
  const v = await portalVersion();
  if (v !== stampOf) {
    stampOf = v;
    bySlug.clear();
    byHost.clear();
    redirects.clear();
  }
  return v;
}

function once<T>(key: string, run: () => Promise<T>): Promise<T> {
  const p = inflight.get(key) as Promise<T> | undefined;
  if (p) return p;
  const q = run().finally(() => inflight.delete(key));
  inflight.set(key, q);
  return q;
}

function put<V>(m: Map<string, V>, k: string, v: V) {
  if (m.size >= MAX) m.clear();
  m.set(k, v);
}

export async function siteForSlug(slug: string): Promise<SiteRecord | null> {
  if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(slug)) return null;
  const stamp = await fresh();
  if (bySlug.has(slug)) return bySlug.get(slug) ?? null;
  const rec = await once(`s:${stamp}:${slug}`, () => siteBySlug(db(), slug));
  if (stamp === stampOf) put(bySlug, slug, rec);
  return rec;
}

/** An old slug or a unit code: the slug it answers to now, or null. */
export async function redirectSlugFor(slugOrCode: string): Promise<string | null> {
  if (slugOrCode.length > 200) return null;
  const stamp = await fresh();
  if (redirects.has(slugOrCode)) return redirects.get(slugOrCode) ?? null;
  const slug = await once(`r:${stamp}:${slugOrCode}`, () => currentSlugFor(db(), slugOrCode));
  if (stamp === stampOf) put(redirects, slugOrCode, slug);
  return slug;
}

let portalHost: string | undefined;
/** The request's host name, lower-case, without port (X-Forwarded-Host when behind a trusted proxy). */
export function requestHost(c: Context): string {
  const fwd = config().isTrustingProxy ? c.req.header('x-forwarded-host')?.split(',')[0]?.trim() : undefined;
  let h = (fwd || c.req.header('host') || '').toLowerCase();
  if (h.startsWith('[')) return h; // IPv6 literal: never a site
  h = h.replace(/:\d+$/, '').replace(/\.$/, '');
  return h;
}

const HOSTNAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

/** Without a lookup: could this request's host be a unit's own domain? (Not the portal's, not localhost, not an IP literal.) */
export function couldBeSiteHost(c: Context): boolean {
  const host = requestHost(c);
  portalHost ??= (() => {
    try {
      return new URL(config().publicUrl).hostname.toLowerCase();
    } catch {
      return '';
    }
  })();
  return !!host && host !== portalHost && host !== 'localhost' && host.length <= 253 && HOSTNAME.test(host) && !/^[\d.]+$/.test(host);
}

/** The site whose own domain this request came to, or null (then the portal answers). */
export async function siteForHost(c: Context): Promise<SiteRecord | null> {
  if (!couldBeSiteHost(c)) return null;
  const host = requestHost(c);
  const stamp = await fresh();
  if (byHost.has(host)) return byHost.get(host) ?? null;
  const rec = await once(`h:${stamp}:${host}`, () => siteByDomain(db(), host));
  if (stamp === stampOf) put(byHost, host, rec);
  return rec;
}
