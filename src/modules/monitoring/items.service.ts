import crypto from 'node:crypto';
import { now } from '../../platform/clock';
import { type Queryable, db, withTransaction } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { safeFetch } from '../../platform/safe-fetch';
import { foldForMatch } from '../../text';
import { type Actor, recordAudit } from '../audit';
import { itemConcerns, itemConcernsScope, itemConcernsSubtree } from './concern';
import { decodeBody, extractArticle, htmlToText } from './extract';
import type { FeedItem } from './feeds';
import { ensureUnitSource } from './sources.service';

/**
 * Items: what sources bring. Inserted once — the same GUID from the same source,
 * or the same canonical URL from any source, is a duplicate and is skipped — and
 * processed afterwards by the pipeline (analysed_at null until then).
 */
const trackingParams = /^(utm_|fbclid$|gclid$|dclid$|msclkid$|zarsrc$|gidzl$|_ga$|mc_cid$|mc_eid$|igshid$|ref$|ref_src$|cmpid$|spm$)/i;

/** Canonical form of a link for de-duplication: tracking parameters, fragment, default port and `www.` dropped, host lower-case. */
export function canonicalUrl(link: string | null | undefined): string | null {
  if (!link) return null;
  let u: URL;
  try {
    u = new URL(link.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  u.hostname = u.hostname.toLowerCase().replace(/^www\./, '').replace(/^m\./, '');
  u.protocol = 'https:';
  u.port = '';
  const keep = [...u.searchParams.entries()].filter(([k]) => !trackingParams.test(k)).sort(([a], [b]) => a.localeCompare(b));
  u.search = '';
  for (const [k, v] of keep) u.searchParams.append(k, v);
  let s = u.toString();
  if (u.pathname.length > 1 && u.pathname.endsWith('/') && !u.search) s = s.replace(/\/$/, '');
  return s;
}

export function contentHash(title: string, body: string): string {
  return crypto.createHash('sha256').update(`${foldForMatch(title)}\n${foldForMatch(body)}`).digest('hex');
}

export type NewItem = FeedItem & { kind?: 'article' | 'post' | 'hotline' };

/**
 * Inserts the items a source brought; returns how many were new. Duplicates
 * (by source + GUID, or by canonical URL across sources) are skipped in SQL.
 */
export async function insertItems(q: Queryable, sourceId: number, items: NewItem[], createdBy: number | null = null): Promise<number[]> {
  const ids: number[] = [];
  const seen = new Set<string>();
  for (const it of items) {
    const canonical = canonicalUrl(it.link);
    const guid = (it.guid || canonical || contentHash(it.title, it.body)).slice(0, 2000);
    const key = `${guid}|${canonical ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const r = await q.query(
      `insert into monitor_items (source_id, kind, guid, link, canonical_url, title, body, author, published_at, content_hash, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       on conflict do nothing returning id`,
      [
        sourceId,
        it.kind ?? 'article',
        guid,
        it.link,
        canonical,
        it.title.slice(0, 1000),
        it.body.slice(0, 100_000),
        it.author?.slice(0, 200) ?? null,
        it.publishedAt,
        contentHash(it.title, it.body),
        createdBy,
      ],
    );
    if (r.rows[0]) ids.push(r.rows[0].id);
  }
  if (ids.length) {
    await q.query('update monitor_sources set items_total = items_total + $2 where id = $1', [sourceId, ids.length]);
    await q.query(
      `insert into monitor_source_days (source_id, day, items) values ($1, (now() at time zone 'Asia/Ho_Chi_Minh')::date, $2)
       on conflict (source_id, day) do update set items = monitor_source_days.items + excluded.items`,
      [sourceId, ids.length],
    );
  }
  return ids;
}

export type ManualEntryInput = {
  unitId: number;
  kind: 'url' | 'text' | 'hotline';
  url?: string | null;
  title?: string | null;
  text?: string | null;
  author?: string | null;
  seenAt?: string | null;
};

/**
 * A manual entry: a pasted link (fetched through safeFetch, its article text
 * extracted), a post someone saw (pasted text, optionally with its link), or a
 * hotline note. Returns the item id (an existing one when the link is known).
 */
export async function addManualEntry(actor: Actor, input: ManualEntryInput): Promise<{ itemId: number; isNew: boolean }> {
  let title = input.title?.trim() ?? '';
  let body = input.text?.trim() ?? '';
  let publishedAt = input.seenAt ? new Date(input.seenAt) : null;
  let author = input.author?.trim() || null;
  const link = input.url?.trim() || null;
  if (input.kind === 'url') {
    if (!link) throw new AppError('monitor.url_required', 400, 'monitor.url_required');
    const res = await safeFetch(link, { timeoutMs: 15_000, maxBytes: 5 * 1024 * 1024, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' });
    if (res.status >= 400) throw new AppError('monitor.fetch_failed', 422, 'monitor.fetch_failed', { url: link, status: res.status });
    const html = decodeBody(res.body, res.contentType);
    const page = /html|xml/i.test(res.contentType) || /^\s*</.test(html) ? extractArticle(html) : { title: '', text: html, publishedAt: null, author: null, canonical: null };
    title ||= page.title;
    body ||= page.text;
    publishedAt ??= page.publishedAt;
    author ??= page.author;
  } else if (!body) {
    throw new AppError('monitor.text_required', 400, 'monitor.text_required');
  }
  if (!title) title = body.split('\n')[0].slice(0, 160);
  if (body.includes('<')) body = htmlToText(body);
  return withTransaction(async (tx) => {
    const sourceId = await ensureUnitSource(tx, input.unitId, input.kind === 'hotline' ? 'hotline' : 'manual');
    const canonical = canonicalUrl(link);
    if (canonical) {
      const existing = await tx.query('select id from monitor_items where canonical_url = $1', [canonical]);
      if (existing.rows[0]) return { itemId: existing.rows[0].id as number, isNew: false };
    }
    const guid = canonical ?? `manual:${contentHash(title, body)}`;
    const ids = await insertItems(
      tx,
      sourceId,
      [{ guid, link, title, body, author, publishedAt: publishedAt ?? now(), kind: input.kind === 'hotline' ? 'hotline' : input.kind === 'text' ? 'post' : 'article' }],
      actor.userId,
    );
    const itemId = ids[0] ?? (await tx.query('select id from monitor_items where source_id = $1 and guid = $2', [sourceId, guid])).rows[0].id;
    await recordAudit(tx, actor, { action: 'monitor.manual_entry', entity: 'monitor_item', entityId: itemId, unitId: input.unitId, after: { kind: input.kind, link, title } });
    return { itemId, isNew: ids.length > 0 };
  });
}

export type ItemView = {
  id: number;
  sourceId: number;
  source: string;
  kind: string;
  link: string | null;
  title: string;
  excerpt: string;
  publishedAt: string | null;
  fetchedAt: string;
  units: { id: number; code: string; name: string; via: string; origin: string }[];
  tone: 'negative' | 'neutral' | 'positive';
  categories: string[];
  riskScore: number;
  reasons: string[];
  storyId: number | null;
  threadId: number | null;
  storySize: number;
};

const itemColumns = `i.id, i.source_id, s.name as source_name, i.kind, i.link, i.title, left(i.body, 400) as excerpt, i.published_at, i.fetched_at,
  i.tone, i.categories, i.risk_score, i.reasons, i.story_id, i.thread_id, coalesce(st.item_count, 1) as story_size,
  coalesce((select json_agg(json_build_object('id', u.id, 'code', u.code, 'name', u.name, 'via', iu.via, 'origin', iu.origin) order by u.id)
     from monitor_item_units iu join units u on u.id = iu.unit_id where iu.item_id = i.id), '[]'::json) as units`;

function presentItem(r: Record<string, any>): ItemView {
  return {
    id: r.id,
    sourceId: r.source_id,
    source: r.source_name,
    kind: r.kind,
    link: r.link,
    title: r.title,
    excerpt: r.excerpt,
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    fetchedAt: new Date(r.fetched_at).toISOString(),
    units: r.units,
    tone: r.tone,
    categories: r.categories,
    riskScore: Number(r.risk_score),
    reasons: r.reasons,
    storyId: r.story_id,
    threadId: r.thread_id,
    storySize: Number(r.story_size),
  };
}

export type ItemFilter = {
  /** null: everything (CLI); otherwise items about, or from sources of, units in these subtrees / ids */
  scope: { subtreePaths: string[]; unitIds: number[] } | null;
  unitId?: number;
  storyId?: number;
  threadId?: number;
  sourceId?: number;
  tone?: string;
  category?: string;
  minRisk?: number;
  since?: Date;
  q?: string;
  limit?: number;
  offset?: number;
};

export async function listItems(q: Queryable, f: ItemFilter): Promise<{ items: ItemView[]; total: number }> {
  const where: string[] = ['true'];
  const args: unknown[] = [];
  const arg = (v: unknown) => {
    args.push(v);
    return `$${args.length}`;
  };
  if (f.scope) {
    const p = arg(f.scope.subtreePaths);
    const ids = arg(f.scope.unitIds);
    where.push(`(${itemConcernsScope('i.id', p, ids)}
      or exists (select 1 from units u where u.id = s.unit_id and (u.path <@ any(${p}::ltree[]) or u.id = any(${ids}::bigint[]))))`);
  }
  if (f.unitId) where.push(itemConcernsSubtree('i.id', `(select path from units where id = ${arg(f.unitId)})`));
  if (f.storyId) where.push(`i.story_id = ${arg(f.storyId)}`);
  if (f.threadId) where.push(`i.thread_id = ${arg(f.threadId)}`);
  if (f.sourceId) where.push(`i.source_id = ${arg(f.sourceId)}`);
  if (f.tone) where.push(`i.tone = ${arg(f.tone)}`);
  if (f.category) where.push(`${arg(f.category)} = any(i.categories)`);
  if (f.minRisk != null) where.push(`i.risk_score >= ${arg(f.minRisk)}`);
  if (f.since) where.push(`coalesce(i.published_at, i.fetched_at) >= ${arg(f.since)}`);
  if (f.q) where.push(`(i.title ilike ${arg(`%${f.q}%`)} or i.body ilike $${args.length})`);
  const from = `from monitor_items i join monitor_sources s on s.id = i.source_id left join monitor_stories st on st.id = i.story_id where ${where.join(' and ')}`;
  const total = Number((await q.query(`select count(*) as n ${from}`, args)).rows[0].n);
  const rows = await q.query(
    `select ${itemColumns} ${from} order by coalesce(i.published_at, i.fetched_at) desc, i.id desc limit ${arg(f.limit ?? 50)} offset ${arg(f.offset ?? 0)}`,
    args,
  );
  return { items: rows.rows.map(presentItem), total };
}

export async function getItem(q: Queryable, id: number): Promise<ItemView & { body: string }> {
  const r = await q.query(
    `select ${itemColumns}, i.body from monitor_items i join monitor_sources s on s.id = i.source_id left join monitor_stories st on st.id = i.story_id where i.id = $1`,
    [id],
  );
  if (!r.rows[0]) throw new AppError('monitor.item_not_found', 404, 'monitor.item_not_found');
  return { ...presentItem(r.rows[0]), body: r.rows[0].body };
}

/** Unit paths an item concerns (concern.ts), plus its source's unit path: what authorises reading it. */
export async function itemUnitPaths(q: Queryable, id: number): Promise<string[]> {
  const r = await q.query(
    `select u.path::text as path from ${itemConcerns} cu join units u on u.id = cu.unit_id where cu.item_id = $1
     union select u.path::text from monitor_items i join monitor_sources s on s.id = i.source_id join units u on u.id = s.unit_id where i.id = $1`,
    [id],
  );
  return r.rows.map((x) => x.path);
}

export type ExportRow = {
  link: string | null;
  title: string;
  source: string;
  publishedAt: string | null;
  units: string[];
  tone: 'negative' | 'neutral' | 'positive';
  categories: string[];
  storyId: string | null;
  threadId: string | null;
  riskScore: number;
  reasons: string[];
};

/** Every item (matched or not), oldest first, for `loa monitor export --json`. */
export async function exportItems(since?: Date | null, q: Queryable = db()): Promise<ExportRow[]> {
  const r = await q.query(
    `select i.link, i.title, s.name as source, i.published_at, i.tone, i.categories, i.story_id, i.thread_id, i.risk_score, i.reasons,
       coalesce((select array_agg(u.code order by u.code) from monitor_item_units iu join units u on u.id = iu.unit_id where iu.item_id = i.id), '{}') as units
     from monitor_items i join monitor_sources s on s.id = i.source_id
     where $1::timestamptz is null or coalesce(i.published_at, i.fetched_at) >= $1
     order by coalesce(i.published_at, i.fetched_at), i.id`,
    [since ?? null],
  );
  return r.rows.map((x) => ({
    link: x.link,
    title: x.title,
    source: x.source,
    publishedAt: x.published_at ? new Date(x.published_at).toISOString() : null,
    units: x.units,
    tone: x.tone,
    categories: x.categories,
    storyId: x.story_id == null ? null : String(x.story_id),
    threadId: x.thread_id == null ? null : String(x.thread_id),
    riskScore: Math.round(Number(x.risk_score) * 1000) / 1000,
    reasons: x.reasons,
  }));
}

// ---------------------------------------------------------------------------
// Signed inbound webhook (social-listening vendors)

export const WEBHOOK_WINDOW_S = 300;
export const WEBHOOK_MAX_ITEMS = 500;

/** `sha256=<hex>` of HMAC-SHA256(secret, `${timestamp}.${rawBody}`). */
export function webhookSignature(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

const str = (v: unknown, max: number) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : null);

export function parseWebhookItems(raw: string): NewItem[] {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new AppError('monitor.webhook_bad_body', 400, 'monitor.webhook_bad_body');
  }
  const list = Array.isArray(data) ? data : data && typeof data === 'object' && Array.isArray((data as { items?: unknown }).items) ? (data as { items: unknown[] }).items : [data];
  if (list.length > WEBHOOK_MAX_ITEMS) throw new AppError('monitor.webhook_bad_body', 400, 'monitor.webhook_bad_body');
  const items: NewItem[] = [];
  for (const x of list) {
    if (!x || typeof x !== 'object') throw new AppError('monitor.webhook_bad_body', 400, 'monitor.webhook_bad_body');
    const o = x as Record<string, unknown>;
    const link = str(o.url, 2000) ?? str(o.link, 2000);
    const text = str(o.text, 100_000) ?? str(o.content, 100_000) ?? str(o.body, 100_000) ?? '';
    const title = str(o.title, 1000) ?? text.split('\n')[0].slice(0, 160);
    if (!title && !text) throw new AppError('monitor.webhook_bad_body', 400, 'monitor.webhook_bad_body');
    const date = str(o.publishedAt, 64) ?? str(o.published_at, 64) ?? str(o.date, 64);
    const published = date ? new Date(date) : null;
    const id = str(o.id, 500) ?? (typeof o.id === 'number' ? String(o.id) : null);
    items.push({
      guid: id ?? canonicalUrl(link) ?? contentHash(title, text),
      link,
      title,
      body: text.includes('<') ? htmlToText(text) : text,
      author: str(o.author, 200),
      publishedAt: published && !Number.isNaN(published.getTime()) ? published : null,
      kind: link && !/facebook|zalo|tiktok|youtube|twitter|x\.com|threads/i.test(link) ? 'article' : 'post',
    });
  }
  return items;
}

/**
 * Receives a vendor's POST: checks the timestamp window and the signature (in
 * constant time), refuses a signature seen before (replay), stores the items.
 * 401 for any authentication failure, so nothing tells a prober which part failed.
 */
export async function receiveWebhook(
  sourceId: number,
  secretOf: (id: number) => Promise<{ secret: string; isActive: boolean } | null>,
  headers: { signature?: string | null; timestamp?: string | null },
  rawBody: string,
): Promise<{ received: number; new: number }> {
  const src = await secretOf(sourceId);
  const sig = headers.signature?.trim() ?? '';
  const ts = headers.timestamp?.trim() ?? '';
  if (!src || !src.isActive || !/^\d{9,11}$/.test(ts) || !sig) throw new AppError('monitor.webhook_bad_signature', 401, 'monitor.webhook_bad_signature');
  const expected = Buffer.from(webhookSignature(src.secret, ts, rawBody));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
    throw new AppError('monitor.webhook_bad_signature', 401, 'monitor.webhook_bad_signature');
  }
  if (Math.abs(now().getTime() / 1000 - Number(ts)) > WEBHOOK_WINDOW_S) throw new AppError('monitor.webhook_stale', 401, 'monitor.webhook_stale');
  const items = parseWebhookItems(rawBody);
  return withTransaction(async (tx) => {
    const seen = await tx.query('insert into monitor_webhook_seen (source_id, signature) values ($1, $2) on conflict do nothing returning source_id', [sourceId, sig]);
    if (!seen.rows[0]) throw new AppError('monitor.webhook_replayed', 409, 'monitor.webhook_replayed');
    const ids = await insertItems(tx, sourceId, items);
    await tx.query('update monitor_sources set last_success_at = now(), last_polled_at = now(), consecutive_failures = 0 where id = $1', [sourceId]);
    return { received: items.length, new: ids.length };
  });
}

// ---------------------------------------------------------------------------
// Stories and threads (read side; triage is in M2's files)

type UnitRef = { id: number; code: string; name: string };
async function unitRefs(q: Queryable, ids: number[]): Promise<UnitRef[]> {
  if (!ids?.length) return [];
  const r = await q.query('select id, code, name from units where id = any($1::bigint[]) order by id', [ids]);
  return r.rows;
}

function presentStory(r: Record<string, any>, units: UnitRef[]) {
  return {
    id: r.id as number,
    threadId: r.thread_id as number | null,
    title: r.title as string,
    itemCount: r.item_count as number,
    sourceCount: r.source_count as number,
    units,
    categories: r.categories as string[],
    tone: r.tone as 'negative' | 'neutral' | 'positive',
    maxRisk: Number(r.max_risk),
    firstSeenAt: new Date(r.first_seen_at).toISOString(),
    lastSeenAt: new Date(r.last_seen_at).toISOString(),
  };
}

export async function getStory(q: Queryable, id: number) {
  const r = await q.query('select * from monitor_stories where id = $1', [id]);
  if (!r.rows[0]) throw new AppError('monitor.item_not_found', 404, 'monitor.item_not_found');
  const items = await listItems(q, { scope: null, storyId: id, limit: 200 });
  return { ...presentStory(r.rows[0], await unitRefs(q, r.rows[0].unit_ids)), items: items.items };
}

export async function getThread(q: Queryable, id: number) {
  const r = await q.query('select * from monitor_threads where id = $1', [id]);
  const t = r.rows[0];
  if (!t) throw new AppError('monitor.item_not_found', 404, 'monitor.item_not_found');
  const stories = await q.query('select * from monitor_stories where thread_id = $1 order by first_seen_at, id', [id]);
  return {
    id: t.id as number,
    title: t.title as string,
    storyCount: t.story_count as number,
    itemCount: t.item_count as number,
    units: await unitRefs(q, t.unit_ids),
    categories: t.categories as string[],
    firstSeenAt: new Date(t.first_seen_at).toISOString(),
    lastSeenAt: new Date(t.last_seen_at).toISOString(),
    stories: await Promise.all(stories.rows.map(async (s) => presentStory(s, await unitRefs(q, s.unit_ids)))),
  };
}

/** Unit paths of a story or thread (what authorises reading it): its items' concern units (concern.ts), plus their sources' units. */
export async function clusterUnitPaths(q: Queryable, kind: 'story' | 'thread', id: number): Promise<string[]> {
  const col = kind === 'story' ? 'story_id' : 'thread_id';
  const r = await q.query(
    `select distinct u.path::text as path from monitor_items i
       cross join lateral (select cu.unit_id from ${itemConcerns} cu where cu.item_id = i.id union all select s.unit_id from monitor_sources s where s.id = i.source_id) x
       join units u on u.id = x.unit_id
     where i.${col} = $1`,
    [id],
  );
  return r.rows.map((x) => x.path);
}
