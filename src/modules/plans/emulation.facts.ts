import type { Queryable } from '../../platform/db';

/**
 * Read-only facts for emulation scoring: the obligation deadlines (reports, plans,
 * results — not the weekly article quota, which newsroom counts) of units at or under
 * `unitPath` that fell due in [from, to) and are decided by `at`: met on time (fulfilled
 * by the due time) or not (fulfilled late, or past due and still open). Deadlines not
 * yet due are left out.
 */
export async function deadlineOnTimeFacts(q: Queryable, opts: { unitPath: string; from: Date; to: Date; at: Date }) {
  const r = await q.query<{ unitId: string; id: number; what: string; label: string; dueDate: string; fulfilledAt: Date | null; isMet: boolean }>(
    `with recursive chain as (
       select o.id, o.id as root_id from plan_obligations o where o.parent_obligation_id is null
       union all
       select c.id, ch.root_id from plan_obligations c join chain ch on c.parent_obligation_id = ch.id),
     owed as (
       -- the same duty reaching a unit twice (its parent's obligation and its cascaded copy) counts once
       select distinct on (d.unit_id, ch.root_id, d.due_date) d.*
         from obligation_deadlines d join chain ch on ch.id = d.obligation_id join plan_obligations o on o.id = d.obligation_id
         join units u on u.id = d.unit_id
        where u.path <@ $1::ltree and o.recurrence <> 'weekly' and d.due_at >= $2 and d.due_at < $3
          and (d.due_at < $4 or d.fulfilled_at is not null)
        order by d.unit_id, ch.root_id, d.due_date, d.fulfilled_at is null, d.fulfilled_at > d.due_at, d.id)
     select d.unit_id as "unitId", d.id, o.what, d.label, d.due_date::text as "dueDate", d.fulfilled_at as "fulfilledAt",
            coalesce(d.fulfilled_at <= d.due_at, false) as "isMet"
       from owed d join plan_obligations o on o.id = d.obligation_id
      order by d.unit_id, d.due_at, d.id`,
    [opts.unitPath, opts.from, opts.to, opts.at],
  );
  const by = new Map<number, { unitId: number; count: number; total: number; evidence: { label: string; url: string; isMet: boolean }[] }>();
  for (const x of r.rows) {
    const id = Number(x.unitId);
    const f = by.get(id) ?? { unitId: id, count: 0, total: 0, evidence: [] };
    f.total++;
    if (x.isMet) f.count++;
    const [y, m, d] = x.dueDate.split('-');
    const state = x.isMet ? 'đúng hạn' : x.fulfilledAt ? 'nộp trễ' : 'chưa nộp';
    f.evidence.push({ label: `${x.what} — ${x.label} (hạn ${d}/${m}/${y}): ${state}`, url: `/admin/nghia-vu/han/${x.id}`, isMet: x.isMet });
    by.set(id, f);
  }
  return [...by.values()];
}
