import type { Queryable } from '../../platform/db';

/**
 * Read-only facts for emulation scoring (thi đua), per unit at or under `unitPath`,
 * over [from, to). Each row carries its evidence as links into the admin app.
 */
export type NewsroomFact = { unitId: number; count: number; total?: number; evidence: { label: string; url: string; isMet?: boolean }[] };

const day = (d: Date) => new Date(d).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });

/** Articles published in the period, per unit. */
export async function articlePublishedFacts(q: Queryable, opts: { unitPath: string; from: Date; to: Date }): Promise<NewsroomFact[]> {
  const r = await q.query<{ unitId: string; items: { id: number; title: string; at: string }[] }>(
    `select a.unit_id as "unitId", json_agg(json_build_object('id', a.id, 'title', a.title, 'at', a.published_at) order by a.published_at, a.id) as items
       from articles a join units u on u.id = a.unit_id
      where u.path <@ $1::ltree and a.status = 'published' and a.published_at >= $2 and a.published_at < $3
      group by a.unit_id`,
    [opts.unitPath, opts.from, opts.to],
  );
  return r.rows.map((x) => ({
    unitId: Number(x.unitId),
    count: x.items.length,
    evidence: x.items.map((i) => ({ label: `${i.title} (${day(new Date(i.at))})`, url: `/admin/tin-bai/${i.id}`, isMet: true })),
  }));
}

/**
 * The weekly article quota kept: every weekly obligation deadline of a unit that fell
 * due in the period (and is past) is one week owed; the week is kept when the unit
 * sent at least the obligation's quantity of articles in that week (Monday–Sunday,
 * Asia/Ho_Chi_Minh, counted from first submission — the same rule as the quota heatmap).
 */
export async function weeklyQuotaFacts(q: Queryable, opts: { unitPath: string; from: Date; to: Date; at: Date }): Promise<NewsroomFact[]> {
  const r = await q.query<{ unitId: string; weekStart: string; required: number; sent: number }>(
    `with owed as (
       select d.unit_id, date_trunc('week', d.due_date::timestamp)::date as week_start, max(coalesce(o.quantity, 1))::int as required
         from obligation_deadlines d join plan_obligations o on o.id = d.obligation_id join units u on u.id = d.unit_id
        where u.path <@ $1::ltree and o.recurrence = 'weekly' and d.due_at >= $2 and d.due_at < $3 and d.due_at < $4
        group by d.unit_id, 2)
     select w.unit_id as "unitId", w.week_start::text as "weekStart", w.required,
            (select count(*) from articles a where a.unit_id = w.unit_id
                and a.submitted_at >= (w.week_start::timestamp at time zone 'Asia/Ho_Chi_Minh')
                and a.submitted_at < ((w.week_start + 7)::timestamp at time zone 'Asia/Ho_Chi_Minh'))::int as sent
       from owed w order by w.unit_id, w.week_start`,
    [opts.unitPath, opts.from, opts.to, opts.at],
  );
  const by = new Map<number, NewsroomFact>();
  for (const x of r.rows) {
    const id = Number(x.unitId);
    const f = by.get(id) ?? { unitId: id, count: 0, total: 0, evidence: [] };
    const isMet = x.sent >= x.required;
    f.total = (f.total ?? 0) + 1;
    if (isMet) f.count++;
    const [y, m, d] = x.weekStart.split('-');
    f.evidence.push({ label: `Tuần từ ${d}/${m}/${y}: ${x.sent}/${x.required} bài`, url: `/admin/tin-bai/chi-tieu-tuan?unitId=${id}`, isMet });
    by.set(id, f);
  }
  return [...by.values()];
}
