import type { Queryable } from '../../platform/db';

/**
 * Read-only plan facts for the dashboards module, grouped by the unit's direct
 * sub-units (the ltree label at `depth`; the unit's own rows under its own id).
 */

/**
 * Progress of the leaf tasks (tasks nothing was cascaded from) of the issued plans made
 * in the subtree whose period (periodOf: calendar year, or school year 1/9–31/8)
 * overlaps [from, to] (YYYY-MM-DD), per sub-unit, calendar quarter and status. Only the
 * quarters a task is planned for count (all four when none); a planned quarter without
 * a status is not started. Rows with status 'slots' give the number of planned quarters.
 */
export async function planProgressFacts(q: Queryable, unitPath: string, depth: number, from: string, to: string) {
  const r = await q.query<{ child: number; quarter: number; status: string; n: number; plans: number }>(
    `with p as materialized (
       select p.id, case when nlevel(u.path) > $2 then ltree2text(subpath(u.path, $2, 1))::int else u.id::int end as child
         from plans p join units u on u.id = p.unit_id
        where u.path <@ $1::ltree and p.status = 'issued'
          and (case when p.period ? 'year' then make_date((p.period->>'year')::int, 1, 1) else make_date(left(p.period->>'schoolYear', 4)::int, 9, 1) end) <= $4::date
          and (case when p.period ? 'year' then make_date((p.period->>'year')::int, 12, 31) else make_date(left(p.period->>'schoolYear', 4)::int + 1, 8, 31) end) >= $3::date),
     leaf as materialized (
       select t.id, t.quarters, p.child from p join plan_tasks t on t.plan_id = p.id
        where t.id not in (select c.parent_task_id from plan_tasks c where c.parent_task_id is not null))
     select child, g.q as quarter, 'slots' as status, count(*)::int as n, (select count(*) from p)::int as plans
       from leaf cross join generate_series(1, 4) g(q) where cardinality(quarters) = 0 or g.q = any(quarters) group by 1, 2
     union all
     select l.child, pp.quarter, pp.status, count(*)::int, 0
       from leaf l join plan_task_progress pp on pp.task_id = l.id
      where pp.status <> 'not_started' and (cardinality(l.quarters) = 0 or pp.quarter = any(l.quarters))
      group by 1, 2, 3`,
    [unitPath, depth, from, to],
  );
  // not started = planned quarters without another status
  const rows: { child: number; quarter: number; status: string; n: number }[] = [];
  const slots = new Map<string, number>();
  let plans = 0;
  for (const x of r.rows) {
    if (x.status === 'slots') {
      slots.set(`${x.child}:${x.quarter}`, x.n);
      plans = Math.max(plans, x.plans);
    } else rows.push({ child: x.child, quarter: x.quarter, status: x.status, n: x.n });
  }
  for (const [k, n] of slots) {
    const [child, quarter] = k.split(':').map(Number);
    const other = rows.filter((x) => x.child === child && x.quarter === quarter).reduce((a, x) => a + x.n, 0);
    if (n - other > 0) rows.push({ child, quarter, status: 'not_started', n: n - other });
  }
  return { plans, rows };
}

/**
 * Report punctuality: obligation deadlines (weekly ones excluded — the article quota
 * shows those) of units in the subtree due in [from, to], per sub-unit and month:
 * on time (fulfilled by due_at), late (fulfilled after), overdue (unfulfilled, past
 * due at `at`), pending (not yet due).
 */
export async function punctualityFacts(q: Queryable, unitPath: string, depth: number, from: string, to: string, at: Date) {
  const r = await q.query<{ child: number; month: string; onTime: number; late: number; overdue: number; pending: number }>(
    `select case when nlevel(u.path) > $2 then ltree2text(subpath(u.path, $2, 1))::int else u.id::int end as child,
            to_char(d.due_date, 'YYYY-MM') as month,
            count(*) filter (where d.fulfilled_at is not null and d.fulfilled_at <= d.due_at)::int as "onTime",
            count(*) filter (where d.fulfilled_at > d.due_at)::int as late,
            count(*) filter (where d.fulfilled_at is null and d.due_at < $5)::int as overdue,
            count(*) filter (where d.fulfilled_at is null and d.due_at >= $5)::int as pending
       from plan_obligations o join obligation_deadlines d on d.obligation_id = o.id join units u on u.id = d.unit_id
      where o.recurrence <> 'weekly' and u.path <@ $1::ltree and d.due_date between $3::date and $4::date
      group by 1, 2`,
    [unitPath, depth, from, to, at],
  );
  return r.rows;
}
