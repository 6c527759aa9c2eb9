import type { Queryable } from '../../platform/db';
import { foldVietnamese } from '../../text';
import { taskRollup } from './tracking.service';

/**
 * Read-only queries for the reports module (src/modules/reports): the plan a
 * semester or year-end report speaks about, its tasks' progress with evidence
 * over the quarters the report covers, and the obligation deadline a report
 * fulfils when it is submitted.
 */
export type ReportPlanTask = {
  id: number; position: number; group: string | null; topic: string;
  status: 'not_started' | 'in_progress' | 'done' | 'at_risk' | null; note: string | null; evidence: { label: string; url: string }[];
  /** For a task with no progress of its own that was cascaded to sub-plans: their leaves rolled up (latest covered quarter with any progress). */
  rollup: { quarter: number; done: number; total: number } | null;
};
export type ReportPlanFacts = {
  plan: { id: number; title: string; numberLabel: string | null; issuedOn: string | null } | null;
  quarters: number[];
  tasks: ReportPlanTask[];
  totals: { tasks: number; done: number; in_progress: number; at_risk: number; not_started: number };
};

/** The calendar quarters (1–4) a date range touches, in time order (a school year: 3, 4, 1, 2). */
export function quartersBetween(start: string, end: string): number[] {
  const out = new Set<number>();
  const [ys, ms] = start.split('-').map(Number) as [number, number];
  const [ye, me] = end.split('-').map(Number) as [number, number];
  for (let y = ys, m = ms; y < ye || (y === ye && m <= me); m === 12 ? (y++, (m = 1)) : m++) {
    out.add(Math.ceil(m / 3));
    if (out.size === 4) break;
  }
  return [...out];
}

/**
 * The unit's issued (else approved) plan whose period overlaps [start, end], the latest first;
 * each task's status is its latest recorded quarter among those covered (in time order), with the evidence of all of them.
 * Quarters carry no year in plan_task_progress: a period of more than a year is read as its first four quarters.
 */
export async function planFactsForReport(q: Queryable, w: { unitId: number; start: string; end: string; planId?: number | null }): Promise<ReportPlanFacts> {
  const quarters = quartersBetween(w.start, w.end);
  const p = await q.query(
    `select p.id, p.title, case when p.number is not null then p.number || '/' || coalesce(p.symbol, 'KH') end as "numberLabel", p.issued_on::text as "issuedOn"
       from plans p
      where p.unit_id = $1 and ($4::bigint is null or p.id = $4)
        and p.status in ('issued', 'approved')
        and (case when p.period ? 'year' then make_date((p.period->>'year')::int, 1, 1) else make_date(split_part(p.period->>'schoolYear', '-', 1)::int, 9, 1) end) <= $3::date
        and (case when p.period ? 'year' then make_date((p.period->>'year')::int, 12, 31) else make_date(split_part(p.period->>'schoolYear', '-', 2)::int, 8, 31) end) >= $2::date
      order by (p.status = 'issued') desc, p.issued_on desc nulls last, p.id desc limit 1`,
    [w.unitId, w.start, w.end, w.planId ?? null],
  );
  const totals = { tasks: 0, done: 0, in_progress: 0, at_risk: 0, not_started: 0 };
  if (!p.rowCount) return { plan: null, quarters, tasks: [], totals };
  const plan = { ...p.rows[0], id: Number(p.rows[0].id) };
  const r = await q.query(
    `select t.id, t.position, t.task_group as "group", t.topic,
            (select x.status from plan_task_progress x where x.task_id = t.id and x.quarter = any($2::int[]) order by array_position($2::int[], x.quarter) desc limit 1) as status,
            (select x.note from plan_task_progress x where x.task_id = t.id and x.quarter = any($2::int[]) order by array_position($2::int[], x.quarter) desc limit 1) as note,
            coalesce((select jsonb_agg(e order by array_position($2::int[], x.quarter)) from plan_task_progress x, jsonb_array_elements(x.evidence) e
                       where x.task_id = t.id and x.quarter = any($2::int[])), '[]'::jsonb) as evidence
       from plan_tasks t where t.plan_id = $1 order by t.position, t.id`,
    [plan.id, quarters],
  );
  const tasks: ReportPlanTask[] = r.rows.map((x) => ({ ...x, id: Number(x.id), rollup: null }));
  const parents = new Set(
    (await q.query<{ id: string }>('select distinct c.parent_task_id as id from plan_tasks c where c.parent_task_id = any($1::bigint[])', [tasks.map((t) => t.id)])).rows.map((x) => Number(x.id)),
  );
  for (const t of tasks) {
    if (t.status || !parents.has(t.id)) continue;
    for (const quarter of [...quarters].reverse()) {
      const ru = await taskRollup(q, t.id, quarter);
      if (ru.status !== 'not_started' || quarter === quarters[0]) {
        t.status = ru.status;
        t.rollup = { quarter, done: ru.done, total: ru.total };
        break;
      }
    }
  }
  for (const t of tasks) {
    totals.tasks++;
    totals[t.status ?? 'not_started']++;
  }
  return { plan, quarters, tasks, totals };
}

export type ReportDeadline = { id: number; unitId: number; label: string; what: string; dueDate: string; dueAt: string; fulfilledAt: string | null };

const deadlineColumns = `d.id, d.unit_id as "unitId", d.label, o.what, d.due_date::text as "dueDate", d.due_at as "dueAt", d.fulfilled_at as "fulfilledAt"`;
const toDeadline = (x: Record<string, unknown>): ReportDeadline => ({
  ...(x as ReportDeadline),
  id: Number(x.id),
  unitId: Number(x.unitId),
  dueAt: new Date(x.dueAt as string).toISOString(),
  fulfilledAt: x.fulfilledAt ? new Date(x.fulfilledAt as string).toISOString() : null,
});

export async function deadlineForReport(q: Queryable, id: number): Promise<ReportDeadline | null> {
  const r = await q.query(`select ${deadlineColumns} from obligation_deadlines d join plan_obligations o on o.id = d.obligation_id where d.id = $1`, [id]);
  return r.rowCount ? toDeadline(r.rows[0]) : null;
}

/**
 * The deadline a report of this kind and period most likely fulfils: an unfulfilled
 * deadline of the unit, of an obligation with the given recurrences, falling due
 * from the period's last day to 60 days after it; one whose words speak of a report
 * (báo cáo) first, then the earliest.
 */
export async function matchReportDeadline(q: Queryable, w: { unitId: number; recurrences: string[]; periodEnd: string }): Promise<ReportDeadline | null> {
  const r = await q.query(
    `select ${deadlineColumns} from obligation_deadlines d join plan_obligations o on o.id = d.obligation_id
      where d.unit_id = $1 and o.recurrence = any($2::text[]) and d.fulfilled_at is null
        and d.due_date >= $3::date and d.due_date <= $3::date + 60
      order by d.due_date, d.id`,
    [w.unitId, w.recurrences, w.periodEnd],
  );
  const rows = r.rows.map(toDeadline);
  return rows.find((d) => /\bbao cao\b/.test(foldVietnamese(d.what))) ?? rows[0] ?? null;
}
