import type { Queryable } from '../../platform/db';

/**
 * Read-only figures for the reports module: articles of a unit and its subtree
 * in a time window, and weekly quota compliance of its schools.
 *
 * - `submitted`: articles first sent for approval in the window (what the quota counts);
 *   `published`: articles published in the window (whatever happened to them later).
 * - Quota: the full weeks (Monday–Sunday, Vietnam time) inside the window and before
 *   `until`; a school meets a week when it sent at least the quantity its weekly
 *   obligation asks for (1 by default), like quota.service.ts. Figures are school-weeks.
 * Rows: the unit itself (articles it wrote) and each direct sub-unit with its subtree.
 */
export type ArticleUnitRow = { unitId: number; unitName: string; submitted: number; published: number; schools: number; schoolWeeks: number; metSchoolWeeks: number };
export type ArticleFacts = {
  weeks: number;
  totals: Omit<ArticleUnitRow, 'unitId' | 'unitName'>;
  byUnit: ArticleUnitRow[];
};

export async function articleFactsForReport(
  q: Queryable,
  w: { unitPath: string; unitId: number; from: Date; to: Date; firstMonday: string | null; lastMonday: string | null },
): Promise<ArticleFacts> {
  const weeks = w.firstMonday && w.lastMonday ? Math.round((Date.parse(w.lastMonday) - Date.parse(w.firstMonday)) / (7 * 86400_000)) + 1 : 0;
  const r = await q.query(
    `with sub as (
       select u.id, u.type, u.status,
              case when u.id = $2 then u.id else (select c.id from units c where c.path = subpath(u.path, 0, nlevel($1::ltree) + 1)) end as top
         from units u where u.path <@ $1::ltree),
     arts as (
       select s.top,
              count(*) filter (where a.submitted_at >= $3 and a.submitted_at < $4)::int as submitted,
              count(*) filter (where a.published_at >= $3 and a.published_at < $4)::int as published
         from articles a join sub s on s.id = a.unit_id
        where (a.submitted_at >= $3 and a.submitted_at < $4) or (a.published_at >= $3 and a.published_at < $4)
        group by s.top),
     schools as (select id, top from sub where type = 'school' and status = 'active'),
     weeks as (select d::date as monday from generate_series($5::date, $6::date, interval '7 days') d where $5::date is not null),
     req as (
       select d.unit_id, max(coalesce(o.quantity, 1))::int as required
         from obligation_deadlines d join plan_obligations o on o.id = d.obligation_id
        where o.recurrence = 'weekly' and d.unit_id in (select id from schools) group by d.unit_id),
     counts as (
       select a.unit_id, date_trunc('week', a.submitted_at at time zone 'Asia/Ho_Chi_Minh')::date as monday, count(*)::int as n
         from articles a where a.unit_id in (select id from schools) and a.submitted_at >= $5::date - interval '7 hours' and a.submitted_at < $6::date + interval '7 days' - interval '7 hours'
        group by 1, 2),
     per_school as (
       select s.id, s.top, count(w.monday)::int as weeks,
              count(w.monday) filter (where coalesce(c.n, 0) >= coalesce(req.required, 1))::int as met
         from schools s left join weeks w on true
         left join counts c on c.unit_id = s.id and c.monday = w.monday
         left join req on req.unit_id = s.id
        group by s.id, s.top),
     quota as (select top, count(*)::int as schools, sum(weeks)::int as school_weeks, sum(met)::int as met from per_school group by top),
     tops as (select distinct top from sub where top is not null)
     select t.top as "unitId", un.name as "unitName", coalesce(a.submitted, 0) as submitted, coalesce(a.published, 0) as published,
            coalesce(qq.schools, 0) as schools, coalesce(qq.school_weeks, 0) as "schoolWeeks", coalesce(qq.met, 0) as "metSchoolWeeks"
       from tops t join units un on un.id = t.top
       left join arts a on a.top = t.top left join quota qq on qq.top = t.top
      order by t.top <> $2, un.name`,
    [w.unitPath, w.unitId, w.from, w.to, w.firstMonday, w.lastMonday],
  );
  const byUnit: ArticleUnitRow[] = r.rows.map((x) => ({ ...x, unitId: Number(x.unitId) }));
  const sum = (k: keyof ArticleFacts['totals']) => byUnit.reduce((s, x) => s + x[k], 0);
  return {
    weeks,
    totals: { submitted: sum('submitted'), published: sum('published'), schools: sum('schools'), schoolWeeks: sum('schoolWeeks'), metSchoolWeeks: sum('metSchoolWeeks') },
    byUnit,
  };
}
