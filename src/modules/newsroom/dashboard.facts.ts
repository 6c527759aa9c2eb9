import type { Queryable } from '../../platform/db';

/**
 * Read-only weekly-quota facts for the dashboards module: the same rule as
 * quota.service's heatmap (an article counts from its first submission, weeks run
 * Monday–Sunday UTC+7, a school's weekly requirement is its weekly obligation's
 * quantity, 1 by default — only obligations asking for more than one are looked up), but over any run of weeks and in one aggregate query,
 * grouped by the unit's direct sub-units (a sub-unit's id is the ltree label at
 * `depth`; the unit's own school row groups under its own id).
 * Per sub-unit and week: schools that met the quota, and articles sent.
 */
export async function quotaWeekFacts(q: Queryable, unitPath: string, depth: number, firstWeek: Date, weeks: number) {
  const r = await q.query<{ child: number; week: number; met: number; articles: number }>(
    `with schools as (
       select id, case when nlevel(path) > $2 then ltree2text(subpath(path, $2, 1))::bigint else id end as child
         from units where path <@ $1::ltree and type = 'school' and status = 'active'),
     req as (
       select d.unit_id, max(coalesce(o.quantity, 1))::int as required
         from obligation_deadlines d join plan_obligations o on o.id = d.obligation_id
        where o.recurrence = 'weekly' and o.quantity > 1 and d.unit_id in (select id from schools)
          and d.due_date >= ($3::timestamptz at time zone 'Asia/Ho_Chi_Minh')::date
          and d.due_date < ($3::timestamptz at time zone 'Asia/Ho_Chi_Minh')::date + 7 * $4::int
        group by d.unit_id),
     cnt as (
       select a.unit_id, floor(extract(epoch from a.submitted_at - $3::timestamptz) / 604800)::int as week, count(*)::int as n
         from articles a
        where a.unit_id in (select id from schools) and a.submitted_at >= $3::timestamptz and a.submitted_at < $3::timestamptz + $4::int * interval '7 days'
        group by 1, 2)
     select s.child::int as child, c.week, count(*) filter (where c.n >= coalesce(req.required, 1))::int as met, sum(c.n)::int as articles
       from schools s join cnt c on c.unit_id = s.id left join req on req.unit_id = s.id
      group by 1, 2`,
    [unitPath, depth, firstWeek, weeks],
  );
  return r.rows;
}
