import type { Queryable } from '../../platform/db';
import { itemConcerns } from './concern';

/**
 * Read-only monitoring facts for the dashboards module: analysed items about units in
 * the subtree in [from, to) — per time bucket and tone (each item once), and per direct
 * sub-unit (the ltree label at `depth`; the unit's own items under its own id), each
 * item once per sub-unit. "About" is ./concern.ts: the units an item names and the
 * owner units of the watched people / topics it matched (a pair may repeat there, hence
 * the distinct counts below).
 */
export async function mentionFacts(q: Queryable, unitPath: string, depth: number, from: Date, to: Date, bucket: 'day' | 'week') {
  const base = `select iu.item_id, i.tone, coalesce(i.published_at, i.fetched_at) as t,
         case when nlevel(u.path) > $2 then ltree2text(subpath(u.path, $2, 1))::int else u.id::int end as child
    from units u join ${itemConcerns} iu on iu.unit_id = u.id join monitor_items i on i.id = iu.item_id
   where u.path <@ $1::ltree and i.analysed_at is not null
     and coalesce(i.published_at, i.fetched_at) >= $3 and coalesce(i.published_at, i.fetched_at) < $4`;
  // one pass over the join, two aggregates (bucket × tone, each item once; sub-unit)
  const r = await q.query<{ kind: 'b' | 'c'; key: string; negative: number; neutral: number; positive: number; mentions: number }>(
    `with b as materialized (${base}),
          one as (select distinct on (item_id) item_id, tone, t from b order by item_id)
     select 'b' as kind, to_char(date_trunc('${bucket === 'day' ? 'day' : 'week'}', t at time zone 'Asia/Ho_Chi_Minh'), 'YYYY-MM-DD') as key,
            count(*) filter (where tone = 'negative')::int as negative, count(*) filter (where tone = 'neutral')::int as neutral,
            count(*) filter (where tone = 'positive')::int as positive, count(*)::int as mentions
       from one group by 2
     union all
     select 'c', child::text, count(distinct item_id) filter (where tone = 'negative')::int, 0, 0, count(distinct item_id)::int
       from b group by child`,
    [unitPath, depth, from, to],
  );
  const byBucket = r.rows.filter((x) => x.kind === 'b').map((x) => ({ bucket: x.key, negative: x.negative, neutral: x.neutral, positive: x.positive }));
  byBucket.sort((a, b) => a.bucket.localeCompare(b.bucket));
  const byChild = r.rows.filter((x) => x.kind === 'c').map((x) => ({ child: Number(x.key), mentions: x.mentions, negative: x.negative }));
  return { byBucket, byChild };
}

/** When each story was first seen (the first mention: where an incident's time to detect starts). */
export async function storiesFirstSeen(q: Queryable, storyIds: number[]): Promise<Map<number, Date>> {
  if (!storyIds.length) return new Map();
  const r = await q.query<{ id: number; at: Date }>(`select id::int, first_seen_at as at from monitor_stories where id = any($1::bigint[])`, [storyIds]);
  return new Map(r.rows.map((x) => [x.id, x.at]));
}
