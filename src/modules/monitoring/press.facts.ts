import type { Queryable } from '../../platform/db';
import { itemConcerns, itemConcernsSubtree } from './concern';

/**
 * Read-only facts for the press office (issue 7): the thread picker used when
 * writing a rebuttal. Only threads about the unit's subtree (or, with `ownUnitIds`,
 * about those units alone — own-unit roles), newest first; `q` matches the folded
 * title word by word.
 */
export async function searchThreadsForPress(q: Queryable, opts: { unitPath: string; ownUnitIds?: number[] | null; q?: string; limit?: number }) {
  const words = (opts.q ?? '').replace(/[%_\\]/g, ' ').trim().split(/\s+/).filter(Boolean).slice(0, 8);
  const params: unknown[] = [opts.unitPath, Math.min(opts.limit ?? 20, 50)];
  const where = words.map((w) => `loa_fold(t.title) like '%' || loa_fold($${params.push(w)}) || '%'`);
  where.push(
    opts.ownUnitIds
      ? `t.unit_ids && $${params.push(opts.ownUnitIds)}::bigint[]`
      : 'exists (select 1 from units u where u.id = any(t.unit_ids) and u.path <@ $1::ltree)',
  );
  const r = await q.query<{ id: number; title: string; itemCount: number; storyCount: number; lastSeenAt: Date; isOwn: boolean }>(
    `select t.id, t.title, t.item_count as "itemCount", t.story_count as "storyCount", t.last_seen_at as "lastSeenAt",
            exists (select 1 from units u where u.id = any(t.unit_ids) and u.path <@ $1::ltree) as "isOwn"
       from monitor_threads t
      where ${where.join(' and ')}
      order by 6 desc, t.last_seen_at desc, t.id desc limit $2`,
    params,
  );
  return r.rows.map((x) => ({ id: Number(x.id), title: x.title, itemCount: Number(x.itemCount), storyCount: Number(x.storyCount), lastSeenAt: new Date(x.lastSeenAt).toISOString(), isOwn: x.isOwn }));
}

/**
 * Whether a rebuttal written by the unit may answer the thread: the thread is
 * about the unit's subtree (as the picker above lists), or about none of our
 * units at all (a rumour that names nobody). A thread about another province
 * is refused, so its title and coverage never reach the rebuttal.
 */
export async function threadOpenToUnit(q: Queryable, threadId: number, unitId: number): Promise<boolean> {
  const r = await q.query(
    `select 1 from monitor_threads t join units me on me.id = $2
      where t.id = $1 and (cardinality(t.unit_ids) = 0 or exists (select 1 from units u where u.id = any(t.unit_ids) and u.path <@ me.path))`,
    [threadId, unitId],
  );
  return (r.rowCount ?? 0) > 0;
}

/** The coverage links of a thread (what a rebuttal answers), oldest first. */
export async function threadCoverage(q: Queryable, threadId: number) {
  const r = await q.query(
    `select mi.id, mi.title, coalesce(mi.canonical_url, mi.link) as url, s.name as "sourceName", coalesce(mi.published_at, mi.fetched_at) as "publishedAt"
       from monitor_items mi join monitor_sources s on s.id = mi.source_id
      where mi.thread_id = $1 and coalesce(mi.canonical_url, mi.link) is not null order by coalesce(mi.published_at, mi.fetched_at) limit 100`,
    [threadId],
  );
  return r.rows.map((x) => ({ id: Number(x.id), title: x.title as string, url: x.url as string, sourceName: x.sourceName as string, publishedAt: new Date(x.publishedAt).toISOString() }));
}

/**
 * SQL condition: the item `mi` was published on the host (an SQL expression) or
 * one of its subdomains — reversed hosts equal, or starting with the reversed host
 * and a dot, as a byte-order range (both use the index of migration 0031).
 */
const onHost = (h: string) =>
  `(mi.host_rev collate "C" = reverse(${h}) or (mi.host_rev collate "C" > reverse(${h}) || '.' and mi.host_rev collate "C" < reverse(${h}) || '/'))`;

/** How many monitored items each host (an outlet's, subdomains included) published. */
export async function itemCountsByHost(q: Queryable, hosts: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const uniq = [...new Set(hosts.filter(Boolean))];
  if (uniq.length === 0) return out;
  const r = await q.query<{ host: string; n: number }>(
    `select h.host, (select count(*)::int from monitor_items mi where ${onHost('h.host')}) as n from unnest($1::text[]) as h(host)`,
    [uniq],
  );
  for (const x of r.rows) out.set(x.host, Number(x.n));
  return out;
}

/**
 * The monitored items of a host (subdomains included), for an outlet's coverage:
 * counts by tone per month since `since` (Vietnam time), the latest 20 with their
 * links, the total, and (author, tone) of every signed item.
 */
export async function hostCoverage(q: Queryable, host: string, since: Date) {
  const byMonth = await q.query<{ month: string; negative: number; neutral: number; positive: number }>(
    `select to_char(coalesce(mi.published_at, mi.fetched_at) at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM') as month,
            count(*) filter (where mi.tone = 'negative')::int as negative, count(*) filter (where mi.tone = 'neutral')::int as neutral,
            count(*) filter (where mi.tone = 'positive')::int as positive
       from monitor_items mi where ${onHost('$1')} and coalesce(mi.published_at, mi.fetched_at) >= $2 group by 1 order by 1`,
    [host, since],
  );
  const latest = await q.query(
    `select mi.id, mi.title, coalesce(mi.canonical_url, mi.link) as url, mi.author, mi.tone, coalesce(mi.published_at, mi.fetched_at) as "publishedAt", mi.thread_id as "threadId"
       from monitor_items mi where ${onHost('$1')} order by coalesce(mi.published_at, mi.fetched_at) desc limit 20`,
    [host],
  );
  const total = Number((await q.query(`select count(*)::int as n from monitor_items mi where ${onHost('$1')}`, [host])).rows[0].n);
  const authors = await q.query<{ author: string; tone: string }>(`select mi.author, mi.tone from monitor_items mi where ${onHost('$1')} and mi.author is not null`, [host]);
  return {
    byMonth: byMonth.rows,
    latest: latest.rows.map((x) => ({
      id: Number(x.id), title: x.title as string, url: x.url as string, author: x.author as string | null, tone: x.tone as string,
      publishedAt: new Date(x.publishedAt).toISOString(), threadId: x.threadId == null ? null : Number(x.threadId),
    })),
    total,
    authors: authors.rows,
  };
}

/**
 * Whether the unit may point at the item (a correction request to an outlet):
 * the item concerns the unit's subtree, comes from one of its sources, or
 * concerns no unit at all — never another province's item.
 */
export async function itemOpenToUnit(q: Queryable, itemId: number, unitId: number): Promise<boolean> {
  const r = await q.query(
    `select 1 from monitor_items i join units me on me.id = $2
       left join monitor_sources s on s.id = i.source_id left join units su on su.id = s.unit_id
      where i.id = $1 and (${itemConcernsSubtree('i.id', 'me.path')} or su.path <@ me.path
            or not exists (select 1 from ${itemConcerns} cu where cu.item_id = i.id))`,
    [itemId, unitId],
  );
  return (r.rowCount ?? 0) > 0;
}

/** Title and link of monitoring items, by id (for lists that point at them). */
export async function itemLinks(q: Queryable, ids: number[]): Promise<Map<number, { title: string; url: string | null }>> {
  const out = new Map<number, { title: string; url: string | null }>();
  const uniq = [...new Set(ids)];
  if (uniq.length === 0) return out;
  const r = await q.query(`select id, title, coalesce(canonical_url, link) as url from monitor_items where id = any($1::bigint[])`, [uniq]);
  for (const x of r.rows) out.set(Number(x.id), { title: x.title as string, url: (x.url as string | null) ?? null });
  return out;
}
