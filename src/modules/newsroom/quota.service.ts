import { now } from '../../platform/clock';
import { config } from '../../platform/config';
import { type Queryable, withTransaction } from '../../platform/db';
import { t } from '../../platform/i18n';
import { enqueue } from '../../platform/jobs';
import { addDaysVn, formatDateVi, isoWeekVn, startOfWeekVn } from '../../text';
import { sendMailJob } from '../identity';
import { iso } from '../plans';
import { roleHoldersOf } from '../org';

/**
 * The weekly article quota: every school sends at least N articles a week
 * (N from the weekly obligation of the plan that binds it, 1 by default).
 * Weeks run Monday 00:00 to Sunday 24:00 in Asia/Ho_Chi_Minh, so an article
 * sent at 23:30 on Sunday counts for that week. An article counts from its
 * first submission (`submitted_at`), whatever happens to it afterwards.
 *
 * The heatmap shows the chosen unit's direct sub-units (or the unit itself when
 * it is a school) × weeks: a school's cell is its article count, any other
 * unit's cell the number of its schools that met the quota that week.
 */
export type QuotaWeek = { start: string; label: string };
export type QuotaRow = {
  unitId: number;
  unitName: string;
  unitType: string;
  isSchool: boolean;
  schools: number;
  cells: number[];
  required: number;
};

export function quotaWeeks(at: Date, count: number): { start: Date; label: string }[] {
  const current = startOfWeekVn(at);
  return Array.from({ length: count }, (_, i) => {
    const start = addDaysVn(current, -7 * (count - 1 - i));
    const end = addDaysVn(start, 6);
    return { start, label: `Tuần ${isoWeekVn(start).week} (${formatDateVi(start).slice(0, 5)}–${formatDateVi(end).slice(0, 5)})` };
  });
}

export async function quotaHeatmap(q: Queryable, unitId: number, weekCount: number) {
  const weeks = quotaWeeks(now(), weekCount);
  const from = weeks[0].start;
  const to = addDaysVn(weeks[weeks.length - 1].start, 7);
  const rows = await q.query<{ id: number; name: string; type: string; path: string }>(
    `select u.id, u.name, u.type, u.path::text as path from units u
      where u.status = 'active' and (u.parent_id = $1 or (u.id = $1 and u.type = 'school')) order by u.type <> 'school', u.name limit 500`,
    [unitId],
  );
  // Per school: articles per week, and the quantity its weekly obligation asks for.
  const counts = await q.query<{ schoolId: number; path: string; week: number; n: number; required: number }>(
    `with schools as (
       select s.id, s.path from units s join units p on s.path <@ p.path
        where p.id = $1 and s.type = 'school' and s.status = 'active'),
     req as (
       select d.unit_id, max(coalesce(o.quantity, 1)) as required from obligation_deadlines d join plan_obligations o on o.id = d.obligation_id
        where o.recurrence = 'weekly' and d.unit_id in (select id from schools) and d.due_date >= $2::date group by d.unit_id)
     select s.id as "schoolId", s.path::text as path, w.i as week,
            (select count(*) from articles a where a.unit_id = s.id and a.submitted_at >= w.start and a.submitted_at < w.start + interval '7 days')::int as n,
            coalesce(req.required, 1)::int as required
       from schools s
       cross join unnest($3::timestamptz[]) with ordinality w(start, i)
       left join req on req.unit_id = s.id`,
    [unitId, iso(from), weeks.map((w) => w.start)],
  );
  const bySchool = new Map<number, { path: string; required: number; cells: number[] }>();
  for (const c of counts.rows) {
    const s = bySchool.get(c.schoolId) ?? { path: c.path, required: c.required, cells: new Array(weeks.length).fill(0) };
    s.cells[c.week - 1] = c.n;
    bySchool.set(c.schoolId, s);
  }
  const schools = [...bySchool.values()];
  const out: QuotaRow[] = rows.rows.map((u) => {
    if (u.type === 'school') {
      const s = bySchool.get(u.id);
      return { unitId: u.id, unitName: u.name, unitType: u.type, isSchool: true, schools: 1, cells: s?.cells ?? new Array(weeks.length).fill(0), required: s?.required ?? 1 };
    }
    const under = schools.filter((s) => s.path === u.path || s.path.startsWith(`${u.path}.`));
    return {
      unitId: u.id,
      unitName: u.name,
      unitType: u.type,
      isSchool: false,
      schools: under.length,
      cells: weeks.map((_, i) => under.filter((s) => s.cells[i] >= s.required).length),
      required: 1,
    };
  });
  const last = weeks.length - 1;
  return {
    weeks: weeks.map((w) => ({ start: iso(w.start), label: w.label })) as QuotaWeek[],
    rows: out,
    summary: { schools: schools.length, metThisWeek: schools.filter((s) => s.cells[last] >= s.required).length },
  };
}

/**
 * Friday reminders to the schools that have not sent their article this week
 * (their focal points, editors and leaders). One per school and week: the
 * `quota_reminders` row is written in the transaction that queues the mails.
 */
export async function remindQuota(limit = 1000): Promise<number> {
  return withTransaction(async (tx) => {
    const at = now();
    const weekStart = startOfWeekVn(at);
    const due = await tx.query<{ id: number; name: string; required: number }>(
      `select s.id, s.name, max(coalesce(o.quantity, 1))::int as required
         from units s
         join obligation_deadlines d on d.unit_id = s.id and d.due_date between $1::date and $1::date + 6
         join plan_obligations o on o.id = d.obligation_id and o.recurrence = 'weekly'
        where s.type = 'school' and s.status = 'active'
          and not exists (select 1 from quota_reminders r where r.unit_id = s.id and r.week_start = $1::date)
          and (select count(*) from articles a where a.unit_id = s.id and a.submitted_at >= $2 and a.submitted_at < $2 + interval '7 days') < coalesce(o.quantity, 1)
        group by s.id, s.name limit $3`,
      [iso(weekStart), weekStart, limit],
    );
    const week = `${isoWeekVn(weekStart).week} (${formatDateVi(weekStart)}–${formatDateVi(addDaysVn(weekStart, 6))})`;
    for (const s of due.rows) {
      const inserted = await tx.query('insert into quota_reminders (unit_id, week_start) values ($1, $2) on conflict do nothing', [s.id, iso(weekStart)]);
      if (!inserted.rowCount) continue;
      const people = await roleHoldersOf(tx, s.id, ['focal_point', 'editor', 'leader']);
      for (const p of people) {
        await enqueue(
          sendMailJob,
          {
            to: p.email,
            subject: t('quota.reminder_subject', { unit: s.name }),
            text: t('quota.reminder_body', { name: p.name, unit: s.name, week, required: s.required, link: `${config().publicUrl}/admin/tin-bai/moi` }),
          },
          { tx },
        );
      }
    }
    return due.rowCount ?? 0;
  });
}
