import type { Queryable } from '../../platform/db';
import { sanitizeArticleHtml } from '../newsroom';

/**
 * What the public sees of incidents: the published results of the handling
 * (công khai kết quả xử lý) only — every query carries `result_published_at is
 * not null`; the incident's timeline, tasks, reports and review never reach
 * the portal. Each result links to the press articles of the monitoring
 * thread it answers (their public addresses only).
 */
export type PublicResultCard = { id: number; slug: string; title: string; unitName: string; unitId: number; unitPath: string; publishedAt: Date; resolvedAt: Date | null };
export type PublicResult = PublicResultCard & { html: string; sources: { title: string; link: string; source: string | null }[] };

const cols = `i.id, i.result_slug as slug, i.result_title as title, u.name as "unitName", u.id as "unitId", u.path::text as "unitPath",
  i.result_published_at as "publishedAt", i.resolved_at as "resolvedAt"`;

const card = (r: Record<string, unknown>): PublicResultCard => ({
  id: Number(r.id), slug: r.slug as string, title: r.title as string, unitName: r.unitName as string, unitId: Number(r.unitId), unitPath: r.unitPath as string,
  publishedAt: r.publishedAt as Date, resolvedAt: (r.resolvedAt as Date | null) ?? null,
});

/** Published results, newest first; with `unitId`, those of that unit and the units under it. */
export async function publishedResults(q: Queryable, opts: { unitId?: number; limit?: number; offset?: number } = {}) {
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 20), 1), 100);
  const offset = Math.min(Math.max(Math.trunc(opts.offset ?? 0), 0), 1_000_000);
  const where = `i.result_published_at is not null and i.status <> 'cancelled' and ($1::bigint is null or u.path <@ (select path from units where id = $1))`;
  const [rows, count] = await Promise.all([
    q.query(`select ${cols} from incidents i join units u on u.id = i.unit_id where ${where} order by i.result_published_at desc, i.id desc limit $2 offset $3`, [opts.unitId ?? null, limit, offset]),
    q.query<{ n: number }>(`select count(*)::int as n from incidents i join units u on u.id = i.unit_id where ${where}`, [opts.unitId ?? null]),
  ]);
  return { items: rows.rows.map(card), total: count.rows[0].n };
}

/** One published result by its slug (null when unknown or withdrawn). */
export async function publishedResult(q: Queryable, slug: string): Promise<PublicResult | null> {
  const r = await q.query(`select ${cols}, i.result_html as html, i.story_id as "storyId", i.thread_id as "threadId" from incidents i join units u on u.id = i.unit_id
    where i.result_slug = $1 and i.result_published_at is not null and i.status <> 'cancelled'`, [slug]);
  const row = r.rows[0];
  if (!row) return null;
  const sources = row.storyId
    ? (await q.query(
        `select distinct on (coalesce(mi.canonical_url, mi.link)) mi.title, mi.link, s.name as source, mi.published_at
           from monitor_items mi left join monitor_sources s on s.id = mi.source_id
          where (mi.story_id = $1 or ($2::bigint is not null and mi.thread_id = $2)) and mi.link ~ '^https?://' and mi.kind = 'article'
          order by coalesce(mi.canonical_url, mi.link), mi.published_at limit 20`,
        [row.storyId, row.threadId],
      )).rows.map((x) => ({ title: x.title as string, link: x.link as string, source: (x.source as string | null) ?? null }))
    : [];
  // sanitised when written, and again here: the page outputs it unescaped
  return { ...card(row), html: sanitizeArticleHtml(row.html as string), sources };
}

export async function resultSitemapEntries(q: Queryable): Promise<{ slug: string; lastmod: Date }[]> {
  const r = await q.query<{ slug: string; lastmod: Date }>(
    `select result_slug as slug, greatest(result_published_at, updated_at) as lastmod from incidents where result_published_at is not null and status <> 'cancelled' order by result_published_at desc limit 5000`,
  );
  return r.rows;
}
