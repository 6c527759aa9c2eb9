import { now } from '../../platform/clock';
import { db, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { log } from '../../platform/log';
import { safeFetch } from '../../platform/safe-fetch';
import { decodeBody } from './extract';
import { FeedError, type FeedItem, parseFeed } from './feeds';
import { insertItems } from './items.service';

/**
 * Polling feeds and news sitemaps.
 *
 * Interval (docs/MONITORING.md, "Polling"): a person may fix it per source;
 * otherwise it adapts to how often the source publishes — half the median gap
 * between the publication times of its newest {@link RATE_SAMPLE} items, bounded
 * to [{@link MIN_INTERVAL_S}, {@link MAX_INTERVAL_S}]; with fewer than 3 dated
 * items, {@link DEFAULT_INTERVAL_S}. On failure the next poll waits
 * interval × 2^(failures−1), at most {@link MAX_BACKOFF_S}, ±10 % jitter.
 *
 * Fetching goes through safeFetch (SSRF guard, timeout, size and redirect
 * limits) with the stored ETag / Last-Modified (a 304 costs nothing). A feed
 * that cannot be fetched or parsed is recorded on the source, never thrown to
 * the worker. Due sources are claimed with FOR UPDATE SKIP LOCKED and a short
 * lease, so several workers share them and none polls a source twice.
 */
export const MIN_INTERVAL_S = 120;
export const MAX_INTERVAL_S = 3600;
export const DEFAULT_INTERVAL_S = 900;
export const MAX_BACKOFF_S = 6 * 3600;
export const RATE_SAMPLE = 20;
export const FEED_TIMEOUT_MS = 20_000;
export const FEED_MAX_BYTES = 10 * 1024 * 1024;
export const FEED_MAX_REDIRECTS = 5;
const LEASE_S = 120;
const MAX_CHILD_SITEMAPS = 3;

export function adaptiveInterval(dates: (Date | null)[]): number {
  const times = dates
    .filter((d): d is Date => d !== null && !Number.isNaN(d.getTime()))
    .map((d) => d.getTime())
    .sort((a, b) => b - a)
    .slice(0, RATE_SAMPLE);
  if (times.length < 3) return DEFAULT_INTERVAL_S;
  const gaps = times.slice(1).map((x, i) => (times[i] - x) / 1000).sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)];
  return Math.round(Math.min(MAX_INTERVAL_S, Math.max(MIN_INTERVAL_S, median / 2)));
}

export function backoffSeconds(interval: number, failures: number, random = Math.random): number {
  const base = Math.min(MAX_BACKOFF_S, interval * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.9 + 0.2 * random()));
}

export type PollResult = { sourceId: number; status: 'ok' | 'not_modified' | 'error'; newItems: number; seen: number; error?: string; errorCode?: string };

type SourceRow = {
  id: number;
  kind: string;
  url: string;
  etag: string | null;
  last_modified: string | null;
  interval_seconds: number | null;
  adaptive_seconds: number;
  consecutive_failures: number;
  is_backlog_taken: boolean;
};

async function fetchFeed(url: string, etag: string | null, lastModified: string | null) {
  return safeFetch(url, {
    timeoutMs: FEED_TIMEOUT_MS,
    maxBytes: FEED_MAX_BYTES,
    maxRedirects: FEED_MAX_REDIRECTS,
    etag,
    lastModified,
    accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
  });
}

class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

async function loadItems(src: SourceRow): Promise<{ notModified: boolean; items: FeedItem[]; etag: string | null; lastModified: string | null }> {
  const res = await fetchFeed(src.url, src.etag, src.last_modified);
  if (res.notModified) return { notModified: true, items: [], etag: src.etag, lastModified: src.last_modified };
  if (res.status >= 400) throw new HttpStatusError(res.status);
  const feed = parseFeed(decodeBody(res.body, res.contentType));
  let items = feed.items;
  if (feed.format === 'sitemapindex') {
    for (const child of feed.sitemaps?.slice(0, MAX_CHILD_SITEMAPS) ?? []) {
      const c = await fetchFeed(new URL(child, res.url).toString(), null, null);
      if (c.status >= 400) throw new HttpStatusError(c.status);
      items = items.concat(parseFeed(decodeBody(c.body, c.contentType)).items);
    }
  }
  return { notModified: false, items, etag: res.etag, lastModified: res.lastModified };
}

function describeError(e: unknown): { code: string; message: string } {
  if (e instanceof HttpStatusError) return { code: `http.${e.status}`, message: t('monitor.http_status', { status: e.status }) };
  if (e instanceof FeedError) return { code: e.code, message: e.message };
  if (e instanceof AppError) return { code: e.code, message: t(e.messageKey, e.params) };
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

async function countPoll(sourceId: number, failed: boolean) {
  await db().query(
    `insert into monitor_source_days (source_id, day, polls, failures) values ($1, (now() at time zone 'Asia/Ho_Chi_Minh')::date, 1, $2)
     on conflict (source_id, day) do update set polls = monitor_source_days.polls + 1, failures = monitor_source_days.failures + excluded.failures`,
    [sourceId, failed ? 1 : 0],
  );
}

/** Polls one source now (whatever its schedule) and stores the new items; errors are recorded, not thrown. */
export async function pollSource(sourceId: number): Promise<PollResult> {
  const r = await db().query<SourceRow>(
    `select id, kind, url, etag, last_modified, interval_seconds, adaptive_seconds, consecutive_failures, is_backlog_taken
     from monitor_sources where id = $1 and kind in ('feed','sitemap') and url is not null`,
    [sourceId],
  );
  const src = r.rows[0];
  if (!src) throw new AppError('monitor.source_not_found', 404, 'monitor.source_not_found');
  const at = now();
  try {
    const got = await loadItems(src);
    const adaptive = got.notModified ? src.adaptive_seconds : adaptiveInterval(got.items.map((i) => i.publishedAt));
    const interval = src.interval_seconds ?? adaptive;
    const ids = await withTransaction(async (tx) => {
      // the first poll takes the whole backlog; later ones insert whatever is new (duplicates are skipped)
      const inserted = got.items.length ? await insertItems(tx, src.id, got.items) : [];
      await tx.query(
        `update monitor_sources set etag = $2, last_modified = $3, adaptive_seconds = $4, next_poll_at = $5::timestamptz + make_interval(secs => $6),
           last_polled_at = $5, last_success_at = $5, consecutive_failures = 0, is_backlog_taken = true, lease_until = null
         where id = $1`,
        [src.id, got.etag, got.lastModified, adaptive, at, interval],
      );
      return inserted;
    });
    await countPoll(src.id, false);
    log.debug('source polled', { sourceId: src.id, seen: got.items.length, new: ids.length, notModified: got.notModified });
    return { sourceId: src.id, status: got.notModified ? 'not_modified' : 'ok', newItems: ids.length, seen: got.items.length };
  } catch (e) {
    const { code, message } = describeError(e);
    const failures = src.consecutive_failures + 1;
    const wait = backoffSeconds(src.interval_seconds ?? src.adaptive_seconds, failures);
    await db().query(
      `update monitor_sources set last_polled_at = $2, last_error = $3, last_error_code = $4, last_error_at = $2, consecutive_failures = $5,
         next_poll_at = $2::timestamptz + make_interval(secs => $6), lease_until = null
       where id = $1`,
      [src.id, at, message.slice(0, 1000), code, failures, wait],
    );
    await countPoll(src.id, true);
    log.warn('source poll failed', { sourceId: src.id, code, err: message });
    return { sourceId: src.id, status: 'error', newItems: 0, seen: 0, error: message, errorCode: code };
  }
}

/** Claims up to `limit` due sources for this worker (FOR UPDATE SKIP LOCKED + lease). */
export async function claimDueSources(limit = 20): Promise<number[]> {
  const r = await db().query(
    `update monitor_sources s set lease_until = now() + make_interval(secs => $2)
     from (select id from monitor_sources
           where is_active and kind in ('feed','sitemap') and url is not null and next_poll_at <= $3
             and (lease_until is null or lease_until < now())
           order by next_poll_at limit $1 for update skip locked) due
     where s.id = due.id returning s.id`,
    [limit, LEASE_S, now()],
  );
  return r.rows.map((x) => x.id as number);
}

async function inParallel<T, R>(xs: T[], n: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(xs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, xs.length) }, async () => {
      while (next < xs.length) {
        const i = next++;
        out[i] = await fn(xs[i]);
      }
    }),
  );
  return out;
}

/** The cron job's work: poll whatever is due (a few at a time). */
export async function pollDue(limit = 20): Promise<PollResult[]> {
  const ids = await claimDueSources(limit);
  return inParallel(ids, 4, pollSource);
}

/** `loa monitor poll --once`: every active feed and sitemap once, whatever its schedule. */
export async function pollAllOnce(onResult?: (r: PollResult) => void): Promise<PollResult[]> {
  const r = await db().query(`select id from monitor_sources where is_active and kind in ('feed','sitemap') and url is not null order by id`);
  return inParallel(
    r.rows.map((x) => x.id as number),
    4,
    async (id) => {
      const res = await pollSource(id);
      onResult?.(res);
      return res;
    },
  );
}
